# syntax=docker/dockerfile:1
#
# One image recipe for every Compute Market service. The build context is the repository root (the Maven reactor
# needs the shared modules); SERVICE picks the module, SERVICE_PORT must be that service's port:
#   docker build --build-arg SERVICE=matching-service --build-arg SERVICE_PORT=8081 \
#                -t compute-market/matching-service:dev .
#   gateway 8080 | matching-service 8081 | escrow-service 8082 | verification-service 8083
#   reputation-service 8084 | chain-indexer 8085

# Node 20 is taken from the official image: the chain-indexer build compiles its Solidity contracts with solcjs
# (node_modules/solc) and OpenZeppelin sources from node_modules in the repository root.
FROM node:20-bookworm-slim AS node

FROM maven:3.9-eclipse-temurin-21 AS build
ARG SERVICE
COPY --from=node /usr/local/bin/node /usr/local/bin/node
COPY --from=node /usr/local/lib/node_modules/npm /usr/local/lib/node_modules/npm
RUN ln -s ../lib/node_modules/npm/bin/npm-cli.js /usr/local/bin/npm \
 && ln -s ../lib/node_modules/npm/bin/npx-cli.js /usr/local/bin/npx \
 && node --version && npm --version

WORKDIR /workspace

# Chain tooling first: it changes rarely, so this layer survives code edits.
COPY package.json package-lock.json ./
RUN --mount=type=cache,target=/root/.npm \
    npm ci --ignore-scripts --no-audit --no-fund

# Everything else the reactor needs (.dockerignore keeps out build output, node_modules, docs and deploy files).
COPY . .

# The Maven repository and the wrapper's Maven download live in a BuildKit cache, not in an image layer.
# "locked": compose builds the six images in parallel, and Maven's local repository is not safe for
# concurrent writers.
RUN --mount=type=cache,target=/root/.m2,sharing=locked \
    case "${SERVICE}" in \
      gateway|matching-service|escrow-service|verification-service|reputation-service|chain-indexer) ;; \
      *) echo "SERVICE must name a service module, got '${SERVICE}'" >&2; exit 1 ;; \
    esac \
 && chmod +x mvnw \
 && ./mvnw -B -ntp -pl "${SERVICE}" -am -DskipTests package \
 && mkdir -p /out \
 && cp "${SERVICE}"/target/"${SERVICE}"-*-exec.jar /out/app.jar

FROM eclipse-temurin:21-jre AS runtime
ARG SERVICE
ARG SERVICE_PORT

# Fail the build early when the port does not belong to the service, so EXPOSE never lies.
RUN case "${SERVICE}:${SERVICE_PORT}" in \
      gateway:8080|matching-service:8081|escrow-service:8082|verification-service:8083|reputation-service:8084|chain-indexer:8085) ;; \
      *) echo "SERVICE_PORT '${SERVICE_PORT}' is not the port of '${SERVICE}' (see the table at the top of this file)" >&2; exit 1 ;; \
    esac \
 && groupadd --system --gid 10001 app \
 && useradd --system --uid 10001 --gid app --no-create-home --home-dir /app --shell /usr/sbin/nologin app

WORKDIR /app
# Owned by root: the application can read its jar but not change it.
COPY --from=build /out/app.jar /app/app.jar

# Heap sized from the container's memory limit; the remaining quarter is for metaspace, thread stacks and direct
# buffers. /tmp is the only writable path the app needs (Kubernetes mounts an emptyDir there).
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75 -XX:InitialRAMPercentage=25 -XX:+ExitOnOutOfMemoryError -Djava.io.tmpdir=/tmp" \
    SERVICE_NAME=${SERVICE}

USER 10001:10001
EXPOSE ${SERVICE_PORT}
ENTRYPOINT ["java", "-jar", "/app/app.jar"]
