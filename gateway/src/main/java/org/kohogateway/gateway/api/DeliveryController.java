package org.kohogateway.gateway.api;

import java.util.List;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.kohogateway.gateway.post.Deliveries;
import org.kohogateway.gateway.post.DeliveryStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

// No class-level @Validated: Spring MVC's own method validation checks @Min/@Max on parameters and answers
// 400 (HandlerMethodValidationException); the @Validated AOP proxy threw ConstraintViolationException → 500.
@RestController
@Tag(name = "deliveries")
class DeliveryController {

    private final Deliveries deliveries;

    DeliveryController(Deliveries deliveries) {
        this.deliveries = deliveries;
    }

    @GetMapping("/api/deliveries")
    @Operation(summary = "The send log: deliveries by status and account, most recently changed first")
    List<Deliveries.DeliveryView> list(@RequestParam(required = false) DeliveryStatus status,
            @RequestParam(required = false) Long accountId,
            @RequestParam(defaultValue = "100") @Min(1) @Max(1000) int limit) {
        return deliveries.list(status, accountId, limit);
    }
}
