package org.mailhub.esp.ses;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.mailhub.esp.EmailGateway;

/**
 * An Amazon SES account: the region, an IAM access key allowed {@code ses:SendEmail}, and the
 * configuration set whose event destination publishes to the SNS topic that posts to mailhub's
 * callback URL. {@code endpoint} replaces SES's regional endpoint (a test server).
 */
@Schema(
    description =
        "Settings of SES providers: Amazon SES API v2 SendEmail, one email per call, signed with"
            + " AWS Signature Version 4. The meta value travels as the message tag mailhub_meta;"
            + " events come through the configuration set's SNS event destination.")
public record SesSettings(
    @Schema(description = "The SES region, e.g. eu-west-1.", example = "eu-west-1")
        @NotNull
        @Pattern(regexp = REGION, message = "must be an AWS region such as eu-west-1 or us-east-1")
        String region,
    @Schema(description = "The IAM access key ID (AKIA…, or ASIA… with a session token).") @NotBlank
        String accessKeyId,
    @Schema(
            description = "The IAM secret access key; required when the provider is added.",
            extensions = @Extension(name = EmailGateway.SECRET, value = "true", parseValue = true))
        @NotBlank
        String secretAccessKey,
    @Schema(
            description =
                "The session token of temporary credentials (they expire: prefer an IAM user's"
                    + " key); empty for a long-term key.",
            extensions = @Extension(name = EmailGateway.SECRET, value = "true", parseValue = true))
        String sessionToken,
    @Schema(
            description =
                "The configuration set every email is sent with; its event destination publishes"
                    + " to the SNS topic subscribed to the callback URL. Without it SES publishes"
                    + " no events and bounces never reach mailhub.")
        @NotBlank
        @Pattern(
            regexp = "[A-Za-z0-9_-]{1,64}",
            message = "must be an SES configuration set name: letters, digits, '-' and '_'")
        String configurationSetName,
    @Schema(
            description =
                "The SNS topic ARN whose notifications are accepted (others get 401 and are not"
                    + " confirmed). Required: SNS signs the messages of anyone's topic, so"
                    + " without it anyone who learnt the callback URL could subscribe it to a"
                    + " topic of their own.",
            example = "arn:aws:sns:eu-west-1:123456789012:mailhub-events")
        @NotBlank
        @Pattern(
            regexp = "arn:aws[a-z-]*:sns:[a-z0-9-]+:[0-9]{12}:[A-Za-z0-9_-]{1,256}",
            message = "must be an SNS topic ARN such as arn:aws:sns:eu-west-1:123456789012:events")
        String topicArn,
    @Schema(
            description =
                "SES's API endpoint, by default https://email.<region>.amazonaws.com; another"
                    + " for a test server.",
            pattern = "^[Hh][Tt][Tt][Pp][Ss]?://\\S+$")
        @Pattern(regexp = "(?i)https?://\\S+", message = "must start with http:// or https://")
        String endpoint) {

  /** An AWS region's name: eu-west-1, us-gov-west-1, cn-north-1. */
  static final String REGION = "[a-z]{2}(-[a-z]+)+-[0-9]{1,2}";

  public SesSettings {
    region = region == null ? null : region.strip();
    sessionToken = sessionToken == null || sessionToken.isBlank() ? null : sessionToken.strip();
    topicArn = topicArn == null || topicArn.isBlank() ? null : topicArn.strip();
    endpoint =
        endpoint == null || endpoint.isBlank()
            ? defaultEndpoint(region)
            : endpoint.strip().replaceAll("/+$", "");
  }

  /** SES's endpoint in the region (China's regions are under amazonaws.com.cn). */
  public static String defaultEndpoint(String region) {
    if (region == null || !region.matches(REGION)) {
      return null;
    }
    return "https://email." + region + ".amazonaws.com" + (region.startsWith("cn-") ? ".cn" : "");
  }

  SigV4.Credentials credentials() {
    return new SigV4.Credentials(accessKeyId, secretAccessKey, sessionToken);
  }

  @Override
  public String toString() {
    return "SesSettings[region="
        + region
        + ", accessKeyId="
        + accessKeyId
        + ", endpoint="
        + endpoint
        + "]";
  }
}
