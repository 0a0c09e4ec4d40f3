# monitor_service in a container, for development and demos (docker-compose.yml
# runs it next to a MySQL 8 server). On a real host, use scripts/install.sh and
# the systemd unit: only there can the agent restart the host's services.
#
# The image holds exactly what scripts/install.sh installs, so the container
# runs the same tree (/opt/monitor_service, production node_modules, wrappers in
# /usr/local/bin) as a host install.

FROM node:20-bookworm-slim AS build
WORKDIR /src
# Dependencies first: this layer is reused until the lock file changes.
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
# Install into /staging exactly as on a host. The template config.ini is
# dropped: the configuration comes from outside (docker-compose.yml mounts
# docker/config.ini), and without one the agent exits 78 rather than run on
# placeholder credentials.
RUN npm run build \
 && DESTDIR=/staging NODE=/usr/local/bin/node scripts/install.sh \
 && rm /staging/opt/monitor_service/config.ini

FROM node:20-bookworm-slim
# procps: pgrep/pkill, used by the default health check and the process strategy.
RUN apt-get update \
 && apt-get install -y --no-install-recommends procps \
 && rm -rf /var/lib/apt/lists/*
COPY --from=build /staging/ /
ENV NODE_ENV=production
# Not root: in a container the agent has no host services to restart, and it
# needs no privilege to poll the database and run its commands.
USER node
WORKDIR /opt/monitor_service
ENTRYPOINT ["/usr/local/bin/monitor_service"]
