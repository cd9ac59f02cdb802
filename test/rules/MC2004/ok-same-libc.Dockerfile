# Near misses: the dependencies are installed on the libc that runs them, only data
# crosses from the Debian build stage, and a comment names the mistake.
FROM node:20-bookworm AS assets
WORKDIR /app
COPY . .
RUN npm ci && npm run build

FROM node:20-alpine AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev

FROM node:20-alpine
WORKDIR /app
# not: COPY --from=assets /app/node_modules ./node_modules
COPY --from=deps /app/node_modules ./node_modules
COPY --from=assets /app/dist/index.html /app/dist/main.js ./dist/
CMD ["node", "server.js"]
