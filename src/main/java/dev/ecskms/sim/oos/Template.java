package dev.ecskms.sim.oos;

import java.time.Instant;

/**
 * A template as ListTemplates and GetTemplate return it; {@code content} only from GetTemplate.
 *
 * @param shareType      Public for the templates Alibaba Cloud publishes (ACS-…), Private for the account's own
 * @param templateFormat YAML or JSON
 */
public record Template(String templateId, String templateName, String templateVersion, String description,
        String category, String shareType, String templateFormat, String templateType, String createdBy,
        Instant createdDate, String hash, String content) {

    public Template withoutContent() {
        return new Template(templateId, templateName, templateVersion, description, category, shareType,
                templateFormat, templateType, createdBy, createdDate, hash, null);
    }
}
