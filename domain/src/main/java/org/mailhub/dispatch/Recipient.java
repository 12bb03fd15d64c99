package org.mailhub.dispatch;

import java.util.Objects;

/**
 * One recipient waiting in a dispatch chunk: the profile, the address, and the meta value that the
 * email carries and the provider's callbacks bring back.
 */
public record Recipient(long profileId, String email, String meta) {

  public Recipient {
    Objects.requireNonNull(email, "email");
    Objects.requireNonNull(meta, "meta");
  }
}
