package org.kohogateway.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;
import org.kohogateway.connectors.PublishOutcome;
import org.kohogateway.gateway.account.AccountStatus;
import org.kohogateway.gateway.dispatch.ChannelStates;
import org.kohogateway.gateway.importing.ImportMode;
import org.kohogateway.gateway.importing.ImportStatus;
import org.kohogateway.gateway.importing.Imports;
import org.kohogateway.gateway.incident.IncidentKind;
import org.kohogateway.gateway.incident.IncidentKind.ResponseStep;
import org.kohogateway.gateway.notification.NotificationKind;
import org.kohogateway.gateway.policy.ListName;
import org.kohogateway.gateway.post.DeliveryStatus;
import org.kohogateway.gateway.records.DisposalList;
import org.kohogateway.gateway.template.WarningAnswer;

/**
 * The pages build some message keys from values ({@code #{|importStatus.${i.status}|}}) and {@link FormErrors} names
 * enum arguments {@code <enumType>.<CONSTANT>}; {@code TemplateTextTest} cannot see those keys, so this test lists
 * them: every constant of these enums, and every import column, has its label in both languages.
 */
class EnumLabelsTest {

    @Test
    void everyConstantShownOnThePagesHasALabelInBothLanguages() throws IOException {
        List<Class<? extends Enum<?>>> shown = List.of(AccountStatus.class, ImportMode.class, ImportStatus.class,
                IncidentKind.class, ResponseStep.class, NotificationKind.class, ListName.class,
                DisposalList.Status.class, DisposalList.Outcome.class, WarningAnswer.class);
        Set<String> keys = new TreeSet<>();
        for (Class<? extends Enum<?>> type : shown) {
            String prefix = Character.toLowerCase(type.getSimpleName().charAt(0)) + type.getSimpleName().substring(1);
            for (Enum<?> constant : type.getEnumConstants()) {
                keys.add(prefix + "." + constant.name());
            }
        }
        for (NotificationKind kind : NotificationKind.values()) {
            keys.add("notificationKind." + kind.name() + ".help");
        }
        for (ListName list : ListName.values()) {
            keys.add("policyLists.help." + list.name());
        }
        for (AccountStatus status : AccountStatus.values()) {
            keys.add("accountRequests.next." + status.name());
        }
        Imports.columns().forEach(column -> keys.add("imports.column." + column));
        for (DeliveryStatus status : DeliveryStatus.values()) {
            keys.add("deliveryStatus." + status.name());
        }
        for (ChannelStates.Condition condition : ChannelStates.Condition.values()) {
            keys.add("channels.condition." + condition.name());
        }
        for (PublishOutcome.AccountTrouble trouble : PublishOutcome.AccountTrouble.values()) {
            keys.add("channels.trouble." + trouble.name());
        }
        for (ChannelStates.Fallback fallback : ChannelStates.Fallback.values()) {
            keys.add("channels.fallback." + fallback.name());
        }
        for (ChannelStates.Gap gap : ChannelStates.Gap.values()) {
            keys.add("channels.gap." + gap.name());
        }
        keys.add("incidentStatus.OPEN");
        keys.add("incidentStatus.CLOSED");

        for (String bundle : new String[] {"messages.properties", "messages_en.properties"}) {
            Properties messages = load(bundle);
            assertThat(keys.stream().filter(k -> !messages.containsKey(k)).toList()).as(bundle).isEmpty();
        }
    }

    private static Properties load(String name) throws IOException {
        Properties properties = new Properties();
        try (InputStream in = EnumLabelsTest.class.getResourceAsStream("/" + name)) {
            assertThat(in).as(name + " on the classpath").isNotNull();
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return properties;
    }
}
