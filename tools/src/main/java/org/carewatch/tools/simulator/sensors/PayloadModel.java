package org.carewatch.tools.simulator.sensors;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * Realistic payloads for the shipped Zigbee2MQTT and generic-JSON profiles: a daily temperature curve
 * (fridges stay cold), CO2 rising in occupied rooms during opening hours, rare smoke/gas/leak events,
 * doors opening around arrival and pick-up, rare emergency-button presses. Every payload carries the
 * observation time ({@code last_seen}/{@code time}), which keeps QoS 1 redelivery idempotent.
 */
public final class PayloadModel {
    static final ZoneId LOCAL = ZoneId.of("Asia/Shanghai");

    private static final Map<String, BiFunction<Ctx, Instant, String>> MODELS = Map.of(
            "z2m-temperature-humidity", PayloadModel::climate,
            "z2m-air-quality", PayloadModel::airQuality,
            "z2m-smoke", (c, t) -> flag(c, t, "smoke", 1e-4),
            "z2m-gas", (c, t) -> flag(c, t, "gas", 5e-5),
            "z2m-water-leak", (c, t) -> flag(c, t, "water_leak", 5e-5),
            "z2m-door-contact", PayloadModel::door,
            "z2m-emergency-button", PayloadModel::button,
            "generic-json", PayloadModel::genericJson);

    private PayloadModel() {
    }

    public static Set<String> supportedProfiles() {
        return new java.util.TreeSet<>(MODELS.keySet());
    }

    /** The topic a device of this profile publishes readings on. */
    public static String topic(String profileId, String device) {
        return profileId.equals("generic-json") ? "carewatch/" + device + "/state" : "zigbee2mqtt/" + device;
    }

    /** A payload for the device at time {@code t}; {@code fridge} devices keep 2-6 °C. */
    public static String payload(String profileId, String device, Instant t, Random random) {
        BiFunction<Ctx, Instant, String> m = MODELS.get(profileId);
        if (m == null) {
            throw new IllegalArgumentException("no simulator model for profile '" + profileId + "'; supported: " + supportedProfiles());
        }
        return m.apply(new Ctx(device, random), t);
    }

    private record Ctx(String device, Random random) {
        boolean fridge() {
            return device.toLowerCase(Locale.ROOT).contains("fridge");
        }
    }

    private static double hour(Instant t) {
        ZonedDateTime z = t.atZone(LOCAL);
        return z.getHour() + z.getMinute() / 60.0 + z.getSecond() / 3600.0;
    }

    private static boolean occupied(Instant t) {
        ZonedDateTime z = t.atZone(LOCAL);
        double h = hour(t);
        return z.getDayOfWeek().getValue() <= 5 && h >= 7.5 && h < 17.5;
    }

    /** Coolest at 05:00, warmest at 15:00. */
    private static double roomTemperature(Instant t, Random r) {
        return 22 + 3 * Math.sin((hour(t) - 9) / 24 * 2 * Math.PI) + r.nextGaussian() * 0.2;
    }

    private static String climate(Ctx c, Instant t) {
        double temp = c.fridge() ? 4 + 1.2 * Math.sin(hour(t) * 3) + c.random.nextGaussian() * 0.15 : roomTemperature(t, c.random);
        double hum = c.fridge() ? 70 + c.random.nextGaussian() : 45 + 8 * Math.cos(hour(t) / 24 * 2 * Math.PI) + c.random.nextGaussian();
        return "{\"temperature\":%.2f,\"humidity\":%.1f,\"battery\":%d,\"linkquality\":%d,\"last_seen\":\"%s\"}".formatted(
                temp, clamp(hum, 0, 100), 80 + c.random.nextInt(20), 60 + c.random.nextInt(150), t);
    }

    private static String airQuality(Ctx c, Instant t) {
        double co2 = 430 + c.random.nextGaussian() * 15;
        if (occupied(t)) {
            // Builds up through each half-day and drops when the room is aired at noon.
            double h = hour(t);
            double sinceAiring = h < 12 ? h - 7.5 : h - 12.5;
            co2 += Math.max(0, sinceAiring) * 180;
        }
        return "{\"co2\":%d,\"voc\":%d,\"pm25\":%d,\"temperature\":%.2f,\"humidity\":%.1f,\"last_seen\":\"%s\"}".formatted(
                Math.round(clamp(co2, 350, 5000)), 80 + c.random.nextInt(120), 5 + c.random.nextInt(30),
                roomTemperature(t, c.random), 40 + c.random.nextGaussian() * 3, t);
    }

    private static String flag(Ctx c, Instant t, String name, double chance) {
        return "{\"%s\":%s,\"battery_low\":false,\"tamper\":false,\"linkquality\":%d,\"last_seen\":\"%s\"}".formatted(
                name, c.random.nextDouble() < chance, 60 + c.random.nextInt(150), t);
    }

    private static String door(Ctx c, Instant t) {
        double h = hour(t);
        boolean busy = occupied(t) && ((h >= 7.5 && h < 9) || (h >= 16.5 && h < 17.5));
        boolean open = c.random.nextDouble() < (busy ? 0.35 : 0.02);
        return "{\"contact\":%s,\"battery\":%d,\"linkquality\":%d,\"last_seen\":\"%s\"}".formatted(
                !open, 70 + c.random.nextInt(30), 60 + c.random.nextInt(150), t);
    }

    private static String button(Ctx c, Instant t) {
        String action = c.random.nextDouble() < 1e-4 ? "single" : "";
        return "{\"action\":\"%s\",\"battery\":%d,\"linkquality\":%d,\"last_seen\":\"%s\"}".formatted(
                action, 70 + c.random.nextInt(30), 60 + c.random.nextInt(150), t);
    }

    private static String genericJson(Ctx c, Instant t) {
        return "{\"time\":\"%s\",\"temperature\":%.2f,\"humidity\":%.1f,\"co2\":%d,\"smoke\":false}".formatted(
                t, roomTemperature(t, c.random), 45 + c.random.nextGaussian() * 3, 450 + c.random.nextInt(300));
    }

    private static double clamp(double v, double lo, double hi) {
        return Math.max(lo, Math.min(hi, v));
    }
}
