# The keurmerk worker (and admin command) for production. Multi-stage: the build stage compiles the
# TypeScript (the worker bundles the compiled workflow code when it starts); the runtime stage has
# production dependencies only and runs as an unprivileged user.
FROM node:20.20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --ignore-scripts
COPY . .
RUN npm run build:app

FROM node:20.20-bookworm-slim AS runtime
ENV NODE_ENV=production
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --ignore-scripts && npm cache clean --force
COPY --from=build /app/dist ./dist
COPY --from=build /app/client/bin ./client/bin
RUN ln -s /app/client/bin/keurmerk.js /usr/local/bin/keurmerk && mkdir -p /data && chown node:node /data
USER node
CMD ["node", "dist/worker/worker.js"]
