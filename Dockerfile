FROM node:20-bookworm-slim
ENV COREPACK_INTEGRITY_KEYS=0 CI=true
RUN npm install -g pnpm@12.4.2
WORKDIR /app
COPY package.json pnpm-lock.yaml pnpm-workspace.yaml tsconfig.base.json ./
COPY db/package.json db/
COPY api/package.json api/
COPY admin-ui/package.json admin-ui/
COPY test/package.json test/
RUN pnpm install --frozen-lockfile
COPY . .
RUN pnpm --filter @diploma-desk/admin-ui build
ENV NODE_ENV=production HOST=0.0.0.0 PORT=3000
EXPOSE 3000
RUN mkdir -p /var/lib/diploma-desk && chown node /var/lib/diploma-desk
USER node
CMD ["pnpm", "--filter", "@diploma-desk/api", "start"]
