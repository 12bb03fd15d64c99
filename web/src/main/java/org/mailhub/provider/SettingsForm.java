package org.mailhub.provider;

import jakarta.json.JsonObject;
import java.io.Serializable;
import java.util.Map;

/**
 * The settings part of the provider page for one provider type: its fields, and its fragment that
 * shows them. {@link ProviderEditor} keeps what every provider has and hands the settings to the
 * form of the chosen type, so the page bean never names a vendor.
 *
 * <p>A new type's form lives in the vendor's package of the web module, next to nothing else:
 *
 * <ul>
 *   <li>a {@code @Dependent} class implementing this (found through CDI; {@link SettingsForms}
 *       refuses to deploy when a {@link ProviderType} has none). A new instance is the form of a
 *       new provider, so field initializers are its defaults (Netcore's endpoint, say);
 *   <li>bean properties (getters and setters) for the page; each secret a {@link Secret}, which
 *       keeps the masked value ({@code ••••}) that {@link #read} found out of the input and in its
 *       placeholder ({@code value="#{form.apiKey.value}" placeholder="#{form.apiKey.placeholder}"})
 *       and sends only what was typed;
 *   <li>a fragment under {@code /WEB-INF/providers/}, a {@code ui:composition} of label, input and
 *       {@code p:message} triples that refers to this form as {@code form}. Its ids are plain
 *       ({@code endpoint}) and land in the page's form as {@code provider:endpoint}; an Ajax update
 *       of the whole settings area names {@code typeSettings}.
 * </ul>
 *
 * <p>Forms are plain objects (no services): a unit test fills one from JSON, changes fields and
 * checks {@link #settings()}.
 */
public interface SettingsForm extends Serializable {

  ProviderType type();

  /** The type's name in the type menu and the provider list, e.g. "Netcore Cloud API". */
  String label();

  /** The fragment with this form's fields, e.g. {@code /WEB-INF/providers/netcore.xhtml}. */
  String fragment();

  /**
   * Fills the fields from the provider's stored settings as the service answers them, secrets
   * masked ({@code ••••}), in place of a new provider's defaults. An empty object (settings that
   * could not be read) leaves every field empty.
   */
  void read(JsonObject maskedSettings);

  /**
   * The settings as the REST API takes them: fields left empty are left out, so that an empty
   * secret keeps the stored one.
   */
  JsonObject settings();

  /**
   * The input of each settings field the service may refuse, e.g. {@code "endpoint" -> "endpoint"},
   * {@code "dkim.domain" -> "dkimDomain"}: keys as the service names them without their {@code
   * settings.} prefix, inputs by their ids in the fragment.
   */
  Map<String, String> inputs();
}
