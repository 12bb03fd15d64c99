package org.mailhub.esp.smtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.mailhub.provider.FormChecks.json;

import org.junit.jupiter.api.Test;
import org.mailhub.provider.FormChecks;

class SmtpFormTest {

  @Test
  void readsTheStoredSettingsAndSendsThemBackWithoutTheMaskedSecrets() throws Exception {
    SmtpForm form = new SmtpForm();

    form.read(
        json(
            """
            {"host": "relay.acme.example", "port": 587, "security": "STARTTLS_IF_OFFERED",
             "username": "mailhub", "password": "••••",
             "trustedCertificate": "-----BEGIN CERTIFICATE-----",
             "dkim": {"domain": "acme.example", "selector": "mh2026", "privateKey": "••••"}}"""));

    assertEquals("••••", form.getPassword().getStored());
    assertNull(form.getPassword().getValue());
    assertEquals("••••", form.getDkimPrivateKey().getStored());
    assertNull(form.getDkimPrivateKey().getValue());
    assertEquals(
        json(
            """
            {"host": "relay.acme.example", "port": 587, "security": "STARTTLS_IF_OFFERED",
             "username": "mailhub", "trustedCertificate": "-----BEGIN CERTIFICATE-----",
             "dkim": {"domain": "acme.example", "selector": "mh2026"}}"""),
        FormChecks.serialized(form).settings(),
        "sent without the password and the key, which the service keeps");
  }

  @Test
  void emptiedDkimDomainAndSelectorTurnDkimOff() {
    SmtpForm form = new SmtpForm();
    form.read(
        json(
            """
            {"host": "relay.acme.example",
             "dkim": {"domain": "acme.example", "selector": "mh2026", "privateKey": "••••"}}"""));

    form.setDkimDomain(" ");
    form.setDkimSelector("");

    assertFalse(form.settings().containsKey("dkim"));
  }

  @Test
  void newSecretsAreSent() {
    SmtpForm form = new SmtpForm();
    form.getServer().setHost("relay.acme.example");
    form.getPassword().setValue("s3cret");
    form.getDkimPrivateKey().setValue("-----BEGIN PRIVATE KEY-----");

    assertEquals("PEM", form.getDkimPrivateKey().placeholder("PEM"), "no key stored yet");
    assertEquals(
        json(
            """
            {"host": "relay.acme.example", "password": "s3cret",
             "dkim": {"privateKey": "-----BEGIN PRIVATE KEY-----"}}"""),
        form.settings());
  }

  @Test
  void sendsWhatTheRecordTakesAndShowsRefusalsAtItsInputs() throws Exception {
    SmtpForm form = new SmtpForm();
    form.getServer().setHost("mx.example");
    form.getServer().setPort(2525);
    form.getServer().setSecurity("TLS");
    form.setTrustedCertificate("-----BEGIN CERTIFICATE-----");
    form.setUsername("mailhub");
    form.getPassword().setValue("secret");
    form.setDkimDomain("acme.example");
    form.setDkimSelector("mh2026");
    form.getDkimPrivateKey().setValue("-----BEGIN PRIVATE KEY-----");

    FormChecks.assertTakenByTheRecord(form);
    FormChecks.assertInputsInTheFragment(form);
  }
}
