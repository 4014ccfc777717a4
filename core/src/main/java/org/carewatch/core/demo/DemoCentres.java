package org.carewatch.core.demo;

import java.time.LocalTime;
import java.util.List;
import org.carewatch.core.centres.CentreKind;

/** The demo district's centres: realistic names, kinds, hours and nap windows. */
final class DemoCentres {
    record Spec(String code, String name, CentreKind kind, String address, int capacity, LocalTime opens, LocalTime closes,
                LocalTime napStart, LocalTime napEnd, List<Integer> days) {
    }

    private static final List<Integer> WEEKDAYS = List.of(1, 2, 3, 4, 5);
    private static final List<Integer> SIX_DAYS = List.of(1, 2, 3, 4, 5, 6);
    // Some centres open at weekends, as real ones do (the demo has patrol work whatever day it is started).
    private static final List<Integer> EVERY_DAY = List.of(1, 2, 3, 4, 5, 6, 7);

    static final List<Spec> ALL = List.of(
            spec("C001", "阳光宝贝托育中心", CentreKind.CENTRE, "长宁路 101 号", 60, "07:30", "17:30", "12:00", "14:30", WEEKDAYS),
            spec("C002", "小橡树托育园", CentreKind.CENTRE, "延安西路 58 号", 45, "07:45", "18:00", "12:15", "14:45", WEEKDAYS),
            spec("C003", "彩虹幼儿园托班", CentreKind.NURSERY_CLASS, "天山路 200 号", 25, "08:00", "16:30", "11:45", "14:15", WEEKDAYS),
            spec("C004", "新华街道社区宝宝屋", CentreKind.COMMUNITY, "新华路 12 弄 3 号", 15, "08:30", "16:00", "12:00", "14:00", WEEKDAYS),
            spec("C005", "蒲公英托育中心", CentreKind.CENTRE, "虹桥路 888 号", 80, "07:00", "18:30", "12:00", "14:30", SIX_DAYS),
            spec("C006", "小星星托育园", CentreKind.CENTRE, "古北路 66 号", 40, "07:30", "17:30", "12:00", "14:30", WEEKDAYS),
            spec("C007", "启明幼儿园托班", CentreKind.NURSERY_CLASS, "仙霞路 310 号", 20, "08:00", "16:30", "11:50", "14:20", WEEKDAYS),
            spec("C008", "程家桥社区宝宝屋", CentreKind.COMMUNITY, "程家桥路 9 号", 12, "08:30", "16:00", "12:00", "14:00", WEEKDAYS),
            spec("C009", "童心托育中心", CentreKind.CENTRE, "娄山关路 45 号", 55, "07:30", "18:00", "12:00", "14:30", WEEKDAYS),
            spec("C010", "安安托育园", CentreKind.CENTRE, "剑河路 77 号", 35, "07:45", "17:45", "12:10", "14:40", WEEKDAYS),
            spec("C011", "北新泾社区宝宝屋", CentreKind.COMMUNITY, "北新泾路 20 号", 10, "08:30", "16:00", "12:00", "14:00", WEEKDAYS),
            spec("C012", "晨曦托育中心", CentreKind.CENTRE, "哈密路 150 号", 70, "07:00", "18:00", "12:00", "14:30", EVERY_DAY));

    private DemoCentres() {
    }

    private static Spec spec(String code, String name, CentreKind kind, String address, int capacity, String opens, String closes,
                             String napStart, String napEnd, List<Integer> days) {
        return new Spec(code, name, kind, address, capacity, LocalTime.parse(opens), LocalTime.parse(closes),
                LocalTime.parse(napStart), LocalTime.parse(napEnd), days);
    }
}
