# Proxenos: a static binary on a distroless image.
#
#   docker build --build-arg VERSION=$(git describe --tags --always) -t proxenos .
#   docker run -v proxenos-data:/data -p 3000:3000 \
#     -e SLACK_BOT_TOKEN -e SLACK_APP_TOKEN -e SLACK_SIGNING_SECRET proxenos
#
# Health: distroless has no shell, so there is no HEALTHCHECK here; point
# your orchestrator at GET /healthz (alive) and GET /readyz (store and
# Slack reachable) on port 3000.

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
ENV PROXENOS_STORAGE_URL=sqlite:/data/proxenos.db \
    PROXENOS_HTTP_ADDR=:3000
VOLUME /data
EXPOSE 3000
USER nonroot:nonroot
ENTRYPOINT ["/usr/local/bin/proxenos"]
CMD ["serve"]
