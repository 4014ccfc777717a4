package org.carewatch.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
    @TempDir
    Path dir;

    private Path file(String yaml) throws Exception {
        Path f = dir.resolve("carewatch.yaml");
        Files.writeString(f, yaml);
        return f;
    }

    @Test
    void defaultsAreComplete() {
        CareWatchConfig c = ConfigLoader.defaults();
        assertThat(c.http().port()).isEqualTo(8080);
        assertThat(c.store().mode()).isEqualTo(StoreConfig.Mode.EMBEDDED);
        assertThat(c.store().retention().readings()).isEqualTo(Duration.ofDays(400));
        assertThat(c.store().retention().alertEvents()).isNull();
        assertThat(c.mqtt().embeddedPort()).isEqualTo(1883);
        assertThat(c.security().tokenTtl()).isEqualTo(Duration.ofHours(12));
    }

    @Test
    void fileOverridesDefaultsAndEnvironmentOverridesFile() throws Exception {
        Path f = file("""
                http:
                  port: 9090
                store:
                  mode: external
                  url: jdbc:postgresql://db.example:5432/cw
                  poolSize: 20
                """);
        CareWatchConfig c = ConfigLoader.load(f, Map.of("CAREWATCH_STORE_POOL_SIZE", "30", "PATH", "/bin"));
        assertThat(c.http().port()).isEqualTo(9090);
        assertThat(c.store().mode()).isEqualTo(StoreConfig.Mode.EXTERNAL);
        assertThat(c.store().poolSize()).isEqualTo(30);
        assertThat(c.http().host()).isEqualTo("0.0.0.0");
    }

    @Test
    void unknownKeyInFileIsNamed() throws Exception {
        Path f = file("http:\n  prot: 9090\n");
        assertThatThrownBy(() -> ConfigLoader.load(f, Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("'http.prot'").hasMessageContaining("unknown key").hasMessageContaining(f.toString())
                .hasMessageContaining("port");
    }

    @Test
    void unknownTopLevelSectionIsNamed() throws Exception {
        Path f = file("storage:\n  url: x\n");
        assertThatThrownBy(() -> ConfigLoader.load(f, Map.of())).hasMessageContaining("'storage'");
    }

    @Test
    void badNumberIsNamedWithItsSource() throws Exception {
        Path f = file("http:\n  port: eighty\n");
        assertThatThrownBy(() -> ConfigLoader.load(f, Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("'http.port'").hasMessageContaining("eighty").hasMessageContaining("whole number");
    }

    @Test
    void outOfRangePortIsNamed() throws Exception {
        Path f = file("http:\n  port: 70000\n");
        assertThatThrownBy(() -> ConfigLoader.load(f, Map.of()))
                .hasMessageContaining("'http.port'").hasMessageContaining("70000").hasMessageContaining(f.toString());
    }

    @Test
    void badEnumListsTheChoices() throws Exception {
        Path f = file("store:\n  timescale: maybe\n");
        assertThatThrownBy(() -> ConfigLoader.load(f, Map.of()))
                .hasMessageContaining("'store.timescale'").hasMessageContaining("auto").hasMessageContaining("required");
    }

    @Test
    void badDurationFromEnvironmentIsNamed() {
        assertThatThrownBy(() -> ConfigLoader.load(null, Map.of("CAREWATCH_SECURITY_TOKEN_TTL", "12 hours")))
                .hasMessageContaining("'security.tokenTtl'").hasMessageContaining("CAREWATCH_SECURITY_TOKEN_TTL");
    }

    @Test
    void unknownEnvironmentVariableIsRefused() {
        assertThatThrownBy(() -> ConfigLoader.load(null, Map.of("CAREWATCH_HTTP_PROT", "1")))
                .hasMessageContaining("CAREWATCH_HTTP_PROT").hasMessageContaining("CAREWATCH_HTTP_PORT");
    }

    @Test
    void externalStoreNeedsAPostgresUrl() throws Exception {
        Path f = file("store:\n  mode: external\n  url: mysql://x\n");
        assertThatThrownBy(() -> ConfigLoader.load(f, Map.of())).hasMessageContaining("'store.url'");
    }

    @Test
    void brokenYamlGivesTheLine() throws Exception {
        Path f = file("http:\n  port: 1\n   host: [\n");
        assertThatThrownBy(() -> ConfigLoader.load(f, Map.of()))
                .hasMessageContaining(f.toString()).hasMessageContaining("line");
    }

    @Test
    void missingFileIsNamed() {
        Path f = dir.resolve("nope.yaml");
        assertThatThrownBy(() -> ConfigLoader.load(f, Map.of())).hasMessageContaining("nope.yaml").hasMessageContaining("not found");
    }

    @Test
    void mappingWhereAValueBelongsIsRefused() throws Exception {
        Path f = file("http:\n  port:\n    number: 1\n");
        assertThatThrownBy(() -> ConfigLoader.load(f, Map.of())).hasMessageContaining("'http.port'").hasMessageContaining("single value");
    }

    @Test
    void envNamesFollowTheDocumentedRule() {
        assertThat(ConfigLoader.envName("store.poolSize")).isEqualTo("CAREWATCH_STORE_POOL_SIZE");
        assertThat(ConfigLoader.envName("store.retention.streamEvents")).isEqualTo("CAREWATCH_STORE_RETENTION_STREAM_EVENTS");
        assertThat(ConfigLoader.envName("dataDir")).isEqualTo("CAREWATCH_DATA_DIR");
    }

    @Test
    void passwordsStayOutOfToString() throws Exception {
        Path f = file("store:\n  password: s3cret-db\nmqtt:\n  password: s3cret-mq\n");
        CareWatchConfig c = ConfigLoader.load(f, Map.of());
        assertThat(c.toString()).doesNotContain("s3cret");
    }
}
