package org.carewatch.core.centres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.SQLException;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import org.carewatch.core.config.ConfigLoader;
import org.carewatch.core.errors.ConflictException;
import org.carewatch.core.errors.InvalidInputException;
import org.carewatch.core.store.Store;
import org.carewatch.core.testing.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class CentreRepositoryIT {
    static TestDatabase db;
    static Store store;
    static CentreRepository centres;
    static long districtA;
    static long districtB;

    @BeforeAll
    static void setUp() throws SQLException {
        db = TestDatabase.create();
        store = Store.open(ConfigLoader.load(null, Map.of()).store(), db.jdbcUrl(), db.user(), db.password(), null);
        centres = new CentreRepository(store.dataSource());
        try (var c = store.connection(); var st = c.createStatement()) {
            st.execute("INSERT INTO districts (code, name) VALUES ('A', 'District A'), ('B', 'District B')");
            var rs = st.executeQuery("SELECT id FROM districts ORDER BY code");
            rs.next();
            districtA = rs.getLong(1);
            rs.next();
            districtB = rs.getLong(1);
        }
    }

    @AfterAll
    static void tearDown() {
        store.close();
        db.close();
    }

    static CentreInput input(long district, String code, String name) {
        return new CentreInput(district, code, name, null, null, null, null, null, null, null, null, null, null, null, null, null);
    }

    @Test
    void createsWithDefaultsAndReadsBack() throws SQLException {
        Centre c = centres.create(input(districtA, "X1", "小太阳托育"));
        assertThat(c.opensAt()).isEqualTo(LocalTime.of(7, 30));
        assertThat(c.openDays()).containsExactly(1, 2, 3, 4, 5);
        assertThat(c.version()).isZero();
        assertThat(centres.find(c.id())).contains(c);
    }

    @Test
    void listsTheCentresOfOneDistrictByCode() throws SQLException {
        Centre a = centres.create(input(districtA, "S1", "A centre"));
        centres.create(input(districtB, "S2", "B centre"));
        var closed = centres.create(input(districtA, "S0", "closed"));
        centres.update(closed.id(), new CentreInput(null, null, null, null, null, null, null, null, null, null, null, null, null, null,
                false, closed.version()));
        assertThat(centres.listByDistrict(districtA, false)).extracting(Centre::code).contains("S1").doesNotContain("S2", "S0");
        assertThat(centres.listByDistrict(districtA, true)).extracting(Centre::code).contains("S0", "S1").doesNotContain("S2")
                .isSorted();
        assertThat(centres.find(a.id())).isPresent();
        assertThat(centres.find(987654)).isEmpty();
    }

    @Test
    void duplicateCodeIsAConflict() throws SQLException {
        centres.create(input(districtA, "D1", "first"));
        assertThatThrownBy(() -> centres.create(input(districtA, "D1", "second"))).isInstanceOf(ConflictException.class)
                .hasMessageContaining("D1");
    }

    @Test
    void staleVersionIsAConflictAndCurrentVersionUpdates() throws SQLException {
        Centre c = centres.create(input(districtA, "V1", "versioned"));
        var rename = new CentreInput(null, null, "renamed", null, null, 30, null, null, List.of(1, 2, 3, 4, 5, 6), null, null,
                LocalTime.of(12, 0), LocalTime.of(14, 0), null, null, c.version());
        Centre updated = centres.update(c.id(), rename);
        assertThat(updated.name()).isEqualTo("renamed");
        assertThat(updated.capacity()).isEqualTo(30);
        assertThat(updated.napStartsAt()).isEqualTo(LocalTime.of(12, 0));
        assertThat(updated.version()).isEqualTo(1);
        assertThatThrownBy(() -> centres.update(c.id(), rename)).isInstanceOf(ConflictException.class);
    }

    @Test
    void invalidValuesNameTheirField() {
        var badHours = new CentreInput(districtA, "H1", "hours", null, null, null, null, null, null,
                LocalTime.of(18, 0), LocalTime.of(8, 0), null, null, null, null, null);
        assertThatThrownBy(() -> centres.create(badHours)).isInstanceOf(InvalidInputException.class)
                .extracting(e -> ((InvalidInputException) e).field()).isEqualTo("closesAt");
        var napOutside = new CentreInput(districtA, "H2", "nap", null, null, null, null, null, null,
                null, null, LocalTime.of(6, 0), LocalTime.of(7, 0), null, null, null);
        assertThatThrownBy(() -> centres.create(napOutside)).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> centres.create(input(districtA, "bad code!", "x")))
                .extracting(e -> ((InvalidInputException) e).field()).isEqualTo("code");
        assertThatThrownBy(() -> centres.create(input(987654, "NOD", "x")))
                .extracting(e -> ((InvalidInputException) e).field()).isEqualTo("districtId");
    }
}
