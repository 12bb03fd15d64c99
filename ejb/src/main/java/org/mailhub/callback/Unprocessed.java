package org.mailhub.callback;

import jakarta.json.JsonValue;

/** An event of a webhook that was not processed, and why. */
public record Unprocessed(int index, JsonValue event, String reason) {

  /**
   * Why an ESP's report that a delivery was deferred (it will try again) is not used, the same
   * words for every ESP: only the final outcome counts, and counting deferrals as soft bounces
   * would suppress addresses that are delivered a little later.
   */
  public static final String DEFERRED =
      "deferred: the ESP is still trying; its final outcome counts";
}
