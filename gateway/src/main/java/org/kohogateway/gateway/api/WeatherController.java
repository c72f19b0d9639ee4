package org.kohogateway.gateway.api;

import java.util.List;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.kohogateway.gateway.weather.WeatherWarningEvent;
import org.kohogateway.gateway.weather.WeatherWarnings;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

@RestController
@Tag(name = "weather", description = "Weather warnings for the city's area, read from JMA's disaster-information XML")
class WeatherController {

    private final WeatherWarnings warnings;

    WeatherController(WeatherWarnings warnings) {
        this.warnings = warnings;
    }

    @GetMapping("/api/weather/warnings")
    @Operation(summary = "Recent changes of weather warnings for the configured areas (issued, lifted, upgraded, "
            + "downgraded), newest report first. Source: Japan Meteorological Agency (出典：気象庁)")
    List<WeatherWarningEvent> warnings(@RequestParam(defaultValue = "50") @Min(1) @Max(500) int limit) {
        return warnings.recent(limit);
    }
}
