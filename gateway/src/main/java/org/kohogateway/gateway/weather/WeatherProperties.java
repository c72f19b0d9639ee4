package org.kohogateway.gateway.weather;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Set;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Reading the Japan Meteorological Agency's disaster-information XML feeds (気象庁防災情報XML, PULL型) for weather
 * warnings in the city's areas.
 *
 * @param enabled         poll at all (default false: a city opts in, having read JMA's terms; the demo polls a
 *                        simulated feed)
 * @param feeds           the Atom feeds to poll (default JMA's high-frequency 随時 feed, {@code extra.xml}, where
 *                        warnings appear; the long-term {@code extra_l.xml} only to catch up after a long outage)
 * @param interval        pause between polls (default 1m, at least 30s; JMA updates the feed about once a minute)
 * @param timeout         connect and read timeout of each request (default 10s)
 * @param areas           JMA's 7-digit municipality codes (市町村等, the JIS code and two digits) to watch (default
 *                        3220700, 島根県江津市)
 * @param levels          the levels whose changes count (default EMERGENCY and WARNING; add ADVISORY for 注意報)
 * @param titles          the feed entry titles that are weather warnings reports (default 気象特別警報・警報・注意報
 *                        and 気象警報・注意報); other entries (earthquakes, forecasts) are not fetched
 * @param offices         the offices whose reports are fetched, as the feed names them (entry author; default
 *                        松江地方気象台, which issues Shimane's warnings); empty fetches every office's reports in Japan
 * @param maxReportsPerPoll reports fetched in one poll at most (default 30): a feed of hundreds of warnings across
 *                        Japan is read over a few polls rather than in one burst
 * @param department      code of the department told of each change (default {@code bosai}); PR officers are told too
 */
@Validated
@ConfigurationProperties("gateway.weather")
public record WeatherProperties(@DefaultValue("false") boolean enabled,
        @DefaultValue("https://www.data.jma.go.jp/developer/xml/feed/extra.xml") @NotEmpty List<URI> feeds,
        @DefaultValue("1m") @NotNull Duration interval, @DefaultValue("10s") @NotNull Duration timeout,
        @DefaultValue("3220700") @NotEmpty Set<String> areas,
        @DefaultValue({ "EMERGENCY", "WARNING" }) @NotEmpty Set<WarningLevel> levels,
        @DefaultValue({ "気象特別警報・警報・注意報", "気象警報・注意報" }) @NotEmpty Set<String> titles,
        @DefaultValue("松江地方気象台") Set<String> offices,
        @DefaultValue("30") @Min(1) @Max(500) int maxReportsPerPoll, @DefaultValue("bosai") @Nullable String department) {

    public WeatherProperties {
        if (interval != null && interval.compareTo(Duration.ofSeconds(30)) < 0) {
            throw new IllegalArgumentException("gateway.weather.interval must be at least 30s: " + interval);
        }
        if (areas != null) {
            for (String area : areas) {
                if (!area.matches("\\d{7}")) {
                    throw new IllegalArgumentException(
                            "gateway.weather.areas are JMA's 7-digit municipality codes (e.g. 3220700): " + area);
                }
            }
        }
    }
}
