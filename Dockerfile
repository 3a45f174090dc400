# Proxenos: a static binary on a distroless image.
#
#   docker build --build-arg VERSION=$(git describe --tags --always) -t proxenos .
#   docker run -v proxenos-data:/data -p 3000:3000 \
#     -e SLACK_BOT_TOKEN -e SLACK_APP_TOKEN -e SLACK_SIGNING_SECRET proxenos
#
# Health: distroless has no shell or curl, so the HEALTHCHECK runs
# `proxenos healthcheck` (GET /healthz on this container); orchestrators may
# also probe GET /readyz (store and Slack reachable) on port 3000.
# Secrets may be given as files: SLACK_BOT_TOKEN_FILE=/run/secrets/… (see
# deploy/README.md). Several replicas on MongoDB: deploy/docker-compose.yml.

FROM golang:1.26 AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
ARG VERSION=dev
RUN CGO_ENABLED=0 go build -trimpath \
      -ldflags "-s -w -X github.com/proxenos/proxenos.Version=${VERSION}" \
      -o /out/proxenos ./cmd/proxenos \
 && mkdir -p /out/data

# distroless/static carries CA certificates, /usr/share/zoneinfo and a
# nonroot user (65532); the binary also embeds the time zone database.
FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /out/proxenos /usr/local/bin/proxenos
COPY --from=build --chown=65532:65532 /out/data /data
# The default store, sqlite:./data/proxenos.db, is /data/proxenos.db from
# WORKDIR /; it is not set as a variable, so that PROXENOS_STORAGE_URL_FILE
# can name it instead.
WORKDIR /
ENV PROXENOS_HTTP_ADDR=:3000
VOLUME /data
EXPOSE 3000
USER nonroot:nonroot
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD ["/usr/local/bin/proxenos", "healthcheck"]
ENTRYPOINT ["/usr/local/bin/proxenos"]
CMD ["serve"]
