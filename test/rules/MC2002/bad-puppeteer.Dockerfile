# puppeteer's install script downloads Chrome for Testing, a glibc build.
FROM node:20-alpine
WORKDIR /srv
RUN npm install puppeteer@23.9.0 express
COPY server.js .
CMD ["node", "server.js"]
