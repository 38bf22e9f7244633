// V8's code cache for the admin command's modules (issue 14): every `keurmerk` invocation is a new
// process that parses and compiles the same few hundred files again (zod, the SDK, protobufjs' 1.4 MB
// of API definitions), which was a large part of its start-up. Node 22 keeps such a cache itself
// (module.enableCompileCache); on Node 20 this file does the same for CommonJS modules: each file's
// code cache is kept under the temporary folder, per user and node version, and used when the file
// is unchanged (path, size and modification time; V8 checks its own version and flags).
//
// The cache can only make a start faster: whatever goes wrong with it (a folder that cannot be
// created, a file that is unreadable, corrupt or stale, a cache V8 rejects) falls back to node's
// own loading without a word. KEURMERK_COMPILE_CACHE=off turns it off (to measure without it).
// Plain JavaScript, because it runs before the compiled command is loaded.
'use strict';
const Module = require('node:module');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const vm = require('node:vm');
const zlib = require('node:zlib');

/** One folder per user (others cannot plant code in it) and per node version (V8 rejects another's cache anyway). */
function cacheFolder() {
  const user = typeof process.getuid === 'function' ? process.getuid() : os.userInfo().username;
  return path.join(os.tmpdir(), `keurmerk-compile-cache-${user}-${process.version}`);
}

/**
 * The folder, made if needed, or undefined when it is not safely ours: a cache of compiled code in a
 * folder someone else owns or may write to could run their code in this process.
 */
function ownFolder(folder) {
  try {
    fs.mkdirSync(folder, { recursive: true, mode: 0o700 });
    const stat = fs.statSync(folder);
    if (!stat.isDirectory()) return undefined;
    if (typeof process.getuid === 'function' && (stat.uid !== process.getuid() || (stat.mode & 0o022) !== 0)) return undefined;
    return folder;
  } catch {
    return undefined;
  }
}

/** A short stable name for a source path; the path itself is in the entry, so a collision only misses. */
function entryName(filename) {
  let h = 0x811c9dc5;
  for (let i = 0; i < filename.length; i++) {
    h ^= filename.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return `${(h >>> 0).toString(36)}-${path.basename(filename).replace(/[^\w.-]/g, '_')}.cache`;
}

// An entry: a line of JSON naming the source it was made from and the checksum of what follows, then
// V8's code cache. V8 checks its version, flags and the source's length, not every byte of the cache.
function readEntry(file, source) {
  let bytes;
  try {
    bytes = fs.readFileSync(file);
  } catch {
    return undefined;
  }
  const newline = bytes.indexOf(10);
  if (newline < 0) return undefined;
  try {
    const head = JSON.parse(bytes.subarray(0, newline).toString('utf8'));
    if (head.path !== source.path || head.size !== source.size || head.mtimeMs !== source.mtimeMs) return undefined;
    const data = bytes.subarray(newline + 1);
    return zlib.crc32(data) === head.crc ? data : undefined;
  } catch {
    return undefined;
  }
}

function writeEntry(folder, file, source, data) {
  const head = Buffer.from(`${JSON.stringify({ ...source, crc: zlib.crc32(data) })}\n`, 'utf8');
  // Written aside and renamed, so a command starting meanwhile reads the old entry or the new one.
  const temp = path.join(folder, `.${process.pid}-${path.basename(file)}`);
  try {
    fs.writeFileSync(temp, Buffer.concat([head, data]), { mode: 0o600 });
    fs.renameSync(temp, file);
  } catch {
    try {
      fs.unlinkSync(temp);
    } catch {
      // nothing was written
    }
  }
}

function makeRequire(mod) {
  const require = (id) => mod.require(id);
  require.resolve = (request, options) => Module._resolveFilename(request, mod, false, options);
  require.resolve.paths = (request) => Module._resolveLookupPaths(request, mod);
  require.main = process.mainModule;
  require.extensions = Module._extensions;
  require.cache = Module._cache;
  return require;
}

function enable(env = process.env) {
  if (env.KEURMERK_COMPILE_CACHE === 'off') return;
  if (typeof Module.enableCompileCache === 'function') {
    // Node >= 22.1 keeps the cache itself (for ES modules too).
    try {
      Module.enableCompileCache(cacheFolder());
    } catch {
      // start without it
    }
    return;
  }
  // zlib.crc32 came with node 20.15; without it an entry could not be checked, so there is no cache.
  const folder = typeof zlib.crc32 === 'function' ? ownFolder(cacheFolder()) : undefined;
  if (!folder) return;
  const importOptions = vm.constants && vm.constants.USE_MAIN_CONTEXT_DEFAULT_LOADER ? { importModuleDynamically: vm.constants.USE_MAIN_CONTEXT_DEFAULT_LOADER } : {};
  /** Scripts compiled without a usable cache: their cache is written when the command exits, with every function it ran. */
  const fresh = [];
  const compile = Module.prototype._compile;

  Module.prototype._compile = function compileCached(content, filename) {
    if (!filename.endsWith('.js') && !filename.endsWith('.cjs')) return compile.call(this, content, filename);
    let script;
    try {
      const stat = fs.statSync(filename);
      const source = { path: filename, size: stat.size, mtimeMs: stat.mtimeMs };
      const file = path.join(folder, entryName(filename));
      const cachedData = readEntry(file, source);
      // A hashbang line is only valid at the very start of a script, not inside the module wrapper.
      const code = content.startsWith('#!') ? `//${content.slice(2)}` : content;
      script = new vm.Script(Module.wrap(code), { filename, cachedData, ...importOptions });
      if (cachedData === undefined || script.cachedDataRejected) fresh.push({ script, file, source });
    } catch {
      // Anything the cache cannot handle (a syntax error included) goes the ordinary way, with node's own messages.
      return compile.call(this, content, filename);
    }
    const wrapper = script.runInThisContext({ displayErrors: true });
    return wrapper.call(this.exports, this.exports, makeRequire(this), this, filename, path.dirname(filename));
  };

  process.once('exit', () => {
    for (const { script, file, source } of fresh) {
      try {
        writeEntry(folder, file, source, script.createCachedData());
      } catch {
        // this file starts uncached next time
      }
    }
  });
}

module.exports = { enable, cacheFolder };
