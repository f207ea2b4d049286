# The argocd-ai-sre backend image, ghcr.io/argocd-ai-sre/argocd-ai-sre:<version of package.json>.
#   docker build -t ghcr.io/argocd-ai-sre/argocd-ai-sre:0.1.0 .

FROM node:22-bookworm AS build
WORKDIR /src
COPY package.json package-lock.json ./
# No dependency runs an install script; esbuild finds its binary in its platform package anyway.
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY tsconfig.json ./
COPY scripts ./scripts
COPY backend ./backend
COPY extension ./extension
RUN npm run build

FROM node:22-bookworm-slim
# git: the CLI's scenario sandbox serves repositories with it; the Git writer of a later release
# clones and pushes the apps' repositories with git over HTTPS or SSH.
RUN apt-get update \
  && apt-get install -y --no-install-recommends git openssh-client ca-certificates \
  && rm -rf /var/lib/apt/lists/*
WORKDIR /app
# esbuild bundles every dependency into dist/backend/*.js, so the image needs no node_modules
# (test/server runs the bundle from a directory laid out like this one). The bundle is an ES
# module; the package.json says so to every Node version.
RUN echo '{"type":"module"}' > package.json \
  && mkdir -p /var/cache/argocd-ai-sre \
  && chown 1000:1000 /var/cache/argocd-ai-sre
COPY --from=build /src/dist/backend ./dist/backend
ENV NODE_OPTIONS=--enable-source-maps
# The image's "node" user, by number, so Kubernetes can verify runAsNonRoot.
USER 1000:1000
EXPOSE 8080 9090
CMD ["node", "dist/backend/server.js"]
