package org.mailhub.provider;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The backup links between providers: each provider names at most one backup, which may name its
 * own. The links never close a cycle, so that a campaign that fails over always comes to an end of
 * the chain.
 */
public final class Backups {

  private Backups() {}

  /**
   * The cycle that giving {@code provider} the backup {@code backup} would close, as the providers
   * along it from {@code provider} back to itself; empty when it closes none.
   *
   * @param backups every other provider's backup, by provider id (those without one absent)
   */
  public static Optional<List<Long>> cycle(long provider, Long backup, Map<Long, Long> backups) {
    if (backup == null) {
      return Optional.empty();
    }
    List<Long> path = new ArrayList<>();
    path.add(provider);
    Set<Long> seen = new LinkedHashSet<>(path);
    for (Long next = backup; next != null; next = backups.get(next)) {
      path.add(next);
      if (next == provider) {
        return Optional.of(List.copyOf(path));
      }
      if (!seen.add(next)) {
        return Optional.empty(); // a cycle elsewhere (stored before this rule): not this link's
      }
    }
    return Optional.empty();
  }

  /**
   * The providers that take over from {@code provider} in order: its backup, that one's backup and
   * so on, each at most once.
   */
  public static List<Long> chain(long provider, Map<Long, Long> backups) {
    List<Long> chain = new ArrayList<>();
    Set<Long> seen = new LinkedHashSet<>(List.of(provider));
    for (Long next = backups.get(provider);
        next != null && seen.add(next);
        next = backups.get(next)) {
      chain.add(next);
    }
    return chain;
  }
}
