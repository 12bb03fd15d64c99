package org.mailhub.provider;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretBoxTest {

  @Test
  void aShortConfiguredKeyIsRefusedWithWhatToDo() {
    var refused =
        assertThrows(IllegalStateException.class, () -> SecretBox.checkConfigured("secret"));

    assertTrue(refused.getMessage().contains("at least 32"), refused.getMessage());
    assertTrue(refused.getMessage().contains("openssl rand"), refused.getMessage());
    String long_ = "k".repeat(32);
    assertEquals(long_, SecretBox.checkConfigured(long_));
  }

  @Test
  void anEmptyKeyFileIsRefusedRatherThanSilentlyReplaced() {
    var refused =
        assertThrows(
            IllegalStateException.class,
            () -> SecretBox.checkFile(Path.of("/data/mailhub/secret.key"), " \n"));

    assertTrue(refused.getMessage().contains("Restore it"), refused.getMessage());
  }

  @Test
  void aGeneratedKeySealsAndOpensAndIsKeptForTheNextStart(@TempDir Path data) {
    SecretBox box = new SecretBox();
    box.configuredKey = Optional.empty();
    box.dataDir = Optional.of(data.toString());
    box.init();
    String sealed = box.seal("api-key-123");

    SecretBox again = new SecretBox();
    again.configuredKey = Optional.empty();
    again.dataDir = Optional.of(data.toString());
    again.init();

    assertEquals("api-key-123", again.open(sealed));
  }
}
