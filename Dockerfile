# syntax=docker/dockerfile:1
# kulturbot: a static binary on distroless, run as non-root, data on a volume.
#
#   docker build --build-arg VERSION=$(git describe --always) -t kulturbot .
#   docker run -it -v kulturbot:/data kulturbot            # console
#
# See docs/operations.md for Slack and Discord modes.

FROM golang:1.26 AS build
WORKDIR /src
# Modules first, so code changes do not re-download them.
COPY go.mod go.sum ./
RUN go mod download
COPY . .
ARG VERSION=dev
# Pure Go (modernc.org/sqlite): no cgo, no libc, runs on an empty base.
# Europe/Oslo is embedded (time/tzdata), so no zoneinfo is needed.
RUN CGO_ENABLED=0 go build -trimpath \
      -ldflags "-s -w -X main.Version=${VERSION}" \
      -o /out/kulturbot ./cmd/kulturbot
# The volume's mount point must exist and belong to the runtime user;
# distroless has no shell to create it, so it is made here.
RUN mkdir -p /out/data && chown 65532:65532 /out/data

# distroless/static: CA certificates (Slack, Discord, OpenAI over TLS),
# /etc/passwd with the nonroot user, nothing else.
FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /out/kulturbot /kulturbot
COPY --from=build --chown=65532:65532 /out/data /data
USER 65532:65532
ENV KULTURBOT_DB=/data/kulturbot.db \
    KULTURBOT_HTTP_ADDR=:8080
VOLUME /data
EXPOSE 8080
# Only meaningful when a platform runs the HTTP server (Slack HTTP mode,
# Discord endpoint); Compose/Kubernetes users can leave it off otherwise.
HEALTHCHECK --interval=30s --timeout=5s --start-period=10s CMD ["/kulturbot", "healthcheck"]
ENTRYPOINT ["/kulturbot"]
