export function main(argv: string[]): void {
  console.error('keurmerk-devserver: not built yet', argv);
  process.exit(1);
}
