# Multi-stage build: compile the release binary, then ship it alone on a slim Debian.
FROM rust:1.95-bookworm AS build
WORKDIR /src
COPY . .
RUN cargo build --release --locked --bin clusterscope

FROM debian:bookworm-slim
RUN apt-get update && apt-get install -y --no-install-recommends ca-certificates curl \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --system --uid 10001 --home /data clusterscope \
    && mkdir -p /data && chown clusterscope /data
COPY --from=build /src/target/release/clusterscope /usr/local/bin/clusterscope
USER clusterscope
WORKDIR /data
ENV CLUSTERSCOPE_BIND=0.0.0.0:3000 \
    CLUSTERSCOPE_DB=/data/clusterscope.db
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=3s --start-period=10s \
    CMD curl -fsS http://127.0.0.1:3000/healthz || exit 1
CMD ["clusterscope", "serve"]
