package org.mailhub.provider;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BackupsTest {

  @Test
  void aChainWithoutLoopsIsFine() {
    assertEquals(Optional.empty(), Backups.cycle(1, 2L, Map.of(2L, 3L)));
    assertEquals(Optional.empty(), Backups.cycle(1, null, Map.of(2L, 1L)));
  }

  @Test
  void aBackupThatLeadsBackIsACycle() {
    assertEquals(Optional.of(List.of(1L, 2L, 1L)), Backups.cycle(1, 2L, Map.of(2L, 1L)));
    assertEquals(
        Optional.of(List.of(1L, 2L, 3L, 1L)), Backups.cycle(1, 2L, Map.of(2L, 3L, 3L, 1L)));
  }

  @Test
  void aProviderIsNotItsOwnBackup() {
    assertTrue(Backups.cycle(1, 1L, Map.of()).isPresent());
  }

  @Test
  void aLoopFurtherOnThatDoesNotPassHereIsNotThisLinksCycle() {
    // 2 -> 3 -> 2 was stored before: following it from 1 must end, not run forever
    assertEquals(Optional.empty(), Backups.cycle(1, 2L, Map.of(2L, 3L, 3L, 2L)));
  }

  @Test
  void theChainFollowsTheBackupsOnceEach() {
    assertEquals(List.of(2L, 3L), Backups.chain(1, Map.of(1L, 2L, 2L, 3L)));
    assertEquals(List.of(), Backups.chain(1, Map.of(2L, 3L)));
    assertEquals(List.of(2L, 3L), Backups.chain(1, Map.of(1L, 2L, 2L, 3L, 3L, 1L)));
  }

  @Test
  void theEntityKeepsOrClearsItsBackup() {
    Provider provider =
        new Provider(
            ProviderType.GENERIC_HTTP,
            "t",
            new Provider.Details("a", null, "a@example.com", null, null),
            "sealed");
    provider.backUpWith(5L);
    assertEquals(5L, provider.backupProviderId());
    provider.backUpWith(null);
    assertEquals(null, provider.backupProviderId());
  }
}
