package org.mailhub.esp.netcore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.mailhub.provider.FormChecks.json;

import org.junit.jupiter.api.Test;
import org.mailhub.provider.FormChecks;

class NetcoreFormTest {

  @Test
  void aNewProviderOffersNetcoresEndpoint() {
    NetcoreForm form = new NetcoreForm();

    assertEquals(
        json("{\"endpoint\": \"" + NetcoreSettings.DEFAULT_ENDPOINT + "\"}"), form.settings());
  }

  @Test
  void theStoredKeyIsShownMaskedAndAnEmptyKeyFieldKeepsIt() throws Exception {
    NetcoreForm form = new NetcoreForm();

    form.read(
        json("{\"endpoint\": \"https://eu.netcore.example/v6/mail/send\", \"apiKey\": \"••••\"}"));

    assertEquals("••••", form.getApiKey().getStored());
    assertNull(form.getApiKey().getValue());
    assertEquals("stored •••• (leave empty to keep)", form.getApiKey().getPlaceholder());
    assertEquals(
        json("{\"endpoint\": \"https://eu.netcore.example/v6/mail/send\"}"),
        FormChecks.serialized(form).settings());
    form.getApiKey().setValue("nc-2");
    assertEquals("nc-2", form.settings().getString("apiKey"));
  }

  @Test
  void unreadableSettingsLeaveEveryFieldEmpty() {
    NetcoreForm form = new NetcoreForm();

    form.read(json("{}"));

    assertEquals(json("{}"), form.settings());
    assertEquals("", form.getApiKey().getPlaceholder());
  }

  @Test
  void sendsWhatTheRecordTakesAndShowsRefusalsAtItsInputs() throws Exception {
    NetcoreForm form = new NetcoreForm();
    form.getApiKey().setValue("nc-1");

    FormChecks.assertTakenByTheRecord(form);
    FormChecks.assertInputsInTheFragment(form);
  }
}
