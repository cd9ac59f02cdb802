# Puppeteer told to use Alpine's chromium instead of downloading Chrome for Testing.
FROM node:20-alpine
RUN apk add --no-cache chromium nss freetype harfbuzz ttf-freefont
ENV PUPPETEER_SKIP_DOWNLOAD=true \
    PUPPETEER_EXECUTABLE_PATH=/usr/bin/chromium-browser
WORKDIR /srv
RUN npm install puppeteer@23.9.0
COPY server.js .
CMD ["node", "server.js"]
