# Playwright's browsers are glibc builds; node:alpine cannot run them.
FROM node:22-alpine
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci
RUN npx playwright install chromium
COPY . .
CMD ["npx", "playwright", "test"]
