# target-salesforce as a container image: the self-contained single-file executable on .NET's
# runtime-deps base (the native libraries it needs, no .NET runtime), run as a non-root user.
#
#   docker build -t target-salesforce .
#   tap-something | docker run -i --rm -v "$PWD/target.json:/config/target.json:ro" \
#       target-salesforce --config /config/target.json > state.jsonl
#
# Needs BuildKit (Docker's default builder since 23.0). Multi-platform:
# `docker buildx build --platform linux/amd64,linux/arm64 .` compiles both on the build machine's own
# architecture (the SDK cross-compiles), so no emulation is needed.

# ---- build: the README's single-file publish, for the image's architecture ----
FROM --platform=$BUILDPLATFORM mcr.microsoft.com/dotnet/sdk:10.0 AS build
# The image's architecture (amd64 or arm64), set by BuildKit; `-a` turns it into the runtime identifier.
ARG TARGETARCH
WORKDIR /src

# global.json is left out on purpose: it pins the SDK of a development machine, while the image's tag
# above pins this build's SDK.
COPY Directory.Build.props Directory.Packages.props ./
COPY src/TargetSalesforce/TargetSalesforce.csproj src/TargetSalesforce/
# Restore alone first, so a change to the code does not download the runtime packs again.
RUN dotnet restore src/TargetSalesforce -a "$TARGETARCH" -p:SelfContained=true

# The sources, and the two files the executable embeds (the settings schema, Mage's config template).
COPY schemas/config.schema.json schemas/
COPY examples/mage/templates/config.json examples/mage/templates/
COPY src/TargetSalesforce/ src/TargetSalesforce/
# The portable build (-p:NativeAot=false): the restore above did not fetch the native compiler, and the image is the
# same whichever tools the build image happens to carry.
RUN dotnet publish src/TargetSalesforce -c Release -a "$TARGETARCH" --self-contained --no-restore \
        -p:PublishSingleFile=true -p:NativeAot=false -o /out \
    && rm /out/*.pdb

# ---- run: only the executable, as the base image's unprivileged `app` user ----
FROM mcr.microsoft.com/dotnet/runtime-deps:10.0 AS final
LABEL org.opencontainers.image.title="target-salesforce" \
      org.opencontainers.image.description="A Singer target that loads records into Salesforce through the Bulk API 2.0"
COPY --from=build /out/target-salesforce /usr/local/bin/target-salesforce
# APP_UID (1654) is defined by the .NET base images; its home is writable for relative paths such as reject_file.
USER $APP_UID
WORKDIR /home/app
ENTRYPOINT ["target-salesforce"]
CMD ["--help"]
