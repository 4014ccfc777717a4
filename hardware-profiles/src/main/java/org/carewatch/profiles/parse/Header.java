package org.carewatch.profiles.parse;

/** The fields every profile has: id, display names in English and Simplified Chinese, vendor, family, notes. */
public record Header(String id, String name, String nameZh, String vendor, String family, String notes) {

    public static Header read(ObjectFields f) {
        return new Header(
                f.requiredName("id"),
                f.requiredString("name"),
                f.requiredString("name_zh"),
                f.requiredString("vendor"),
                f.optionalString("family"),
                f.optionalString("notes"));
    }
}
