# syntax=docker/dockerfile:1
# Build stage: compile TypeScript with the dev dependencies.
FROM node:24-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json tsconfig.console.json ./
COPY console ./console
COPY src ./src
COPY workers ./workers
COPY bench ./bench
COPY scripts ./scripts
RUN npm run build && npm prune --omit=dev

# Runtime stage: compiled code, production dependencies and the locale files only.
FROM node:24-bookworm-slim
ENV NODE_ENV=production
WORKDIR /app
RUN apt-get update && apt-get install -y --no-install-recommends tini && rm -rf /var/lib/apt/lists/*
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY package.json ./
COPY locales ./locales
USER node
EXPOSE 3000
# tini is PID 1: it forwards SIGTERM so the service shuts down gracefully, and reaps children.
ENTRYPOINT ["/usr/bin/tini", "--"]
CMD ["node", "dist/src/server.js", "--role=api"]
