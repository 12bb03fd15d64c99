package org.mailhub.provider;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import jakarta.json.Json;
import jakarta.json.JsonValue;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mailhub.infrastructure.RequestRejected;

class RateLimitRequestTest {

  @Test
  void wholeNumbersMakeTheLimit() {
    assertEquals(
        RateLimit.of(50, 100_000, null),
        ProviderService.rateLimit(ProviderRequest.RateLimitRequest.of(50, 100_000, null)));
    assertEquals(RateLimit.none(), ProviderService.rateLimit(null));
    assertEquals(
        RateLimit.none(),
        ProviderService.rateLimit(
            new ProviderRequest.RateLimitRequest(JsonValue.NULL, null, JsonValue.NULL)));
  }

  @Test
  void zeroNegativeStringsAndFractionsAreRefusedNamingTheirField() {
    for (JsonValue bad :
        List.of(
            Json.createValue(0),
            Json.createValue(-3),
            Json.createValue("50"),
            Json.createValue("fast"),
            Json.createValue(1.5),
            Json.createValue(new java.math.BigDecimal("1e999999999")),
            Json.createValue(10_000_000_000L),
            JsonValue.TRUE,
            JsonValue.EMPTY_JSON_OBJECT)) {
      assertEquals(
          List.of("rateLimit.perSecond"),
          fields(new ProviderRequest.RateLimitRequest(bad, null, null)),
          bad.toString());
      assertEquals(
          List.of("rateLimit.perDay"),
          fields(new ProviderRequest.RateLimitRequest(Json.createValue(1), null, bad)),
          bad.toString());
    }
  }

  @Test
  void perHourWithoutPerSecondIsRefused() {
    assertEquals(
        List.of("rateLimit.perSecond"),
        fields(ProviderRequest.RateLimitRequest.of(null, 1000, null)));
  }

  private static List<String> fields(ProviderRequest.RateLimitRequest request) {
    RequestRejected rejected =
        assertThrows(RequestRejected.class, () -> ProviderService.rateLimit(request));
    return rejected.fieldErrors().stream().map(RequestRejected.FieldError::field).toList();
  }
}
