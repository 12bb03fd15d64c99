package org.mailhub.campaign;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Map;

/**
 * A campaign to create. {@code providerId} null means the default provider at launch; {@code
 * placeholders} gives the provider's campaign-level values (e.g. {@code "hid"} for {@code $$hid}).
 */
public record CampaignRequest(
    @NotBlank @Size(max = 200) String name,
    Long providerId,
    @NotBlank @Size(max = 1000) String subject,
    @Size(max = 200) String fromName,
    @NotBlank @Size(max = 2_000_000) String html,
    Map<String, String> placeholders,
    @NotNull @Valid AudienceRequest audience) {

  /**
   * {@code ALL}; {@code EMAILS} with {@code emails}; {@code PROPERTY} with {@code property} and
   * {@code value}.
   */
  public record AudienceRequest(
      @NotNull Audience.Type type,
      @Size(max = Audience.MAX_EMAILS) List<String> emails,
      @Size(max = 100) String property,
      @Size(max = 1000) String value) {}
}
