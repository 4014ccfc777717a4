package org.carewatch.ui.i18n;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import org.carewatch.patrol.review.FindingCategory;
import org.junit.jupiter.api.Test;

/** Every finding category has its label in English and Simplified Chinese, and the Chinese is not the English. */
class FindingCategoryLabelsTest {

    static Properties bundle(String name) throws Exception {
        Properties p = new Properties();
        try (var in = FindingCategoryLabelsTest.class.getResourceAsStream("/org/carewatch/ui/i18n/" + name)) {
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return p;
    }

    @Test
    void everyCategoryIsLabelledInBothLanguages() throws Exception {
        Properties en = bundle("messages_en.properties");
        Properties zh = bundle("messages_zh_CN.properties");
        for (FindingCategory c : FindingCategory.values()) {
            String key = "patrol.category." + c.code();
            assertThat(en.getProperty(key)).as(key).isNotBlank();
            assertThat(zh.getProperty(key)).as(key).isNotBlank().isNotEqualTo(en.getProperty(key));
        }
        for (String key : new String[] {"patrol.flag.ratio", "patrol.flag.size", "patrol.verdict.normal", "patrol.verdict.findings"}) {
            assertThat(en.getProperty(key)).as(key).isNotBlank();
            assertThat(zh.getProperty(key)).as(key).isNotBlank();
        }
    }
}
