package org.mailhub.profile;

import java.util.ArrayList;
import java.util.List;

/**
 * What an import did: how many profiles it created and updated, which rows it rejected and why (the
 * first {@value #MAX_LISTED} are listed), and the error that stopped it early, if any.
 */
public final class ImportReport {

  public static final int MAX_LISTED = 1000;

  public record Rejection(long row, String email, String reason) {}

  private long created;
  private long updated;
  private long rejected;
  private final List<Rejection> rejections = new ArrayList<>();
  private String error;

  void add(ProfileService.Upserted upserted) {
    created += upserted.created();
    updated += upserted.updated();
  }

  void reject(long row, String email, String reason) {
    rejected++;
    if (rejections.size() < MAX_LISTED) {
      // a rejected address may be anything a client sent: it is named, not kept whole
      rejections.add(
          new Rejection(
              row,
              email == null ? null : org.mailhub.dispatch.Texts.abbreviate(email, 320),
              reason));
    }
  }

  void stop(String error) {
    this.error = error;
  }

  public long getCreated() {
    return created;
  }

  public long getUpdated() {
    return updated;
  }

  public long getRejected() {
    return rejected;
  }

  public List<Rejection> getRejections() {
    return rejections;
  }

  /** Why the import stopped before the end of the input; the rows before it are kept. */
  public String getError() {
    return error;
  }
}
