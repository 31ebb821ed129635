package io.ecsgate.gate;

import java.net.URI;

/**
 * Where and as whom to call AWS: each null means "the SDK's default" (region and credentials from
 * the environment, profile or instance; GitLab OIDC web identity through the default chain).
 */
public record AwsSettings(String region, String profile, URI endpoint) {}
