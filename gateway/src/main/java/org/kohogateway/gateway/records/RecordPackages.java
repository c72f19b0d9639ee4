package org.kohogateway.gateway.records;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.kohogateway.gateway.media.MediaStore;
import org.kohogateway.gateway.post.PostId;
import org.kohogateway.gateway.staff.Staff;
import org.kohogateway.gateway.support.InvalidRequestException;
import org.kohogateway.gateway.support.NotFoundException;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.Context;

import tools.jackson.databind.json.JsonMapper;

/**
 * Disclosure packages (情報公開請求への開示): a ZIP of one record or of the records of a date range (and account), each
 * in a folder of its own with the record as JSON, a readable Japanese HTML rendering, its audit entries with their
 * places in the hash chain, the personal data the rules find (to redact before disclosure) and its images — or, for
 * images disposed of, a tombstone note with their hashes and alt text. Written straight to the response as it is read,
 * one record at a time, the images a stored chunk at a time: no package is held whole in memory. A
 * {@code manifest.json} at the end gives the SHA-256 of every image written and whether it is the approved one.
 */
@Service
public class RecordPackages {

    /** Opens the response once the request is known to be answerable, so a refusal is still a clean 4xx. */
    @FunctionalInterface
    public interface Target {
        OutputStream open() throws IOException;
    }

    private final RecordRegistry registry;
    private final RecordReader reader;
    private final PersonalData personalData;
    private final MediaStore store;
    private final ITemplateEngine templates;
    private final MessageSource messages;
    private final JsonMapper json;
    private final RecordsProperties properties;
    private final TransactionTemplate reading;

    RecordPackages(RecordRegistry registry, RecordReader reader, PersonalData personalData, MediaStore store,
            ITemplateEngine templates, MessageSource messages, JsonMapper json, RecordsProperties properties,
            PlatformTransactionManager transactions) {
        this.registry = registry;
        this.reader = reader;
        this.personalData = personalData;
        this.store = store;
        this.templates = templates;
        this.messages = messages;
        this.json = json;
        this.properties = properties;
        this.reading = new TransactionTemplate(transactions);
        this.reading.setReadOnly(true);
    }

    /** The package of one record. */
    public void write(Staff me, PostId id, Target target) throws IOException {
        PostRecords.requireAuditor(me);
        registry.registerNew();
        PostRecord record = registry.find(id).orElseThrow(() -> new NotFoundException("records.notFound",
                "post {0} is no record: it never went out", id));
        write(List.of(record.postId()), target);
    }

    /**
     * The package of the records first sent in a range (and to an account, and matching the other filters given).
     *
     * @throws InvalidRequestException {@code records.rangeRequired} without both ends of the range;
     *                                 {@code records.packageTooLarge} beyond {@code gateway.records.package-limit}
     */
    public void write(Staff me, RecordQuery query, Target target) throws IOException {
        PostRecords.requireAuditor(me);
        if (query.from() == null || query.to() == null) {
            throw new InvalidRequestException("records.rangeRequired", "a package of several records needs a range");
        }
        registry.registerNew();
        List<PostId> ids = reading.execute(status -> registry.ids(query, properties.packageLimit() + 1));
        if (ids.size() > properties.packageLimit()) {
            throw new InvalidRequestException("records.packageTooLarge",
                    "more than {0} records in the range: split it", properties.packageLimit());
        }
        write(ids, target);
    }

    private void write(List<PostId> ids, Target target) throws IOException {
        List<Map<String, Object>> index = new ArrayList<>();
        List<Map<String, Object>> manifest = new ArrayList<>();
        try (ZipOutputStream zip = new ZipOutputStream(target.open(), StandardCharsets.UTF_8)) {
            for (PostId id : ids) {
                RecordView record = reading.execute(status -> reader.read(registry.find(id).orElseThrow()));
                String folder = LocalDate.ofInstant(record.retention().firstSentAt(), RetentionSchedule.CITY_TIME)
                        + "_" + id + "/";
                List<PersonalData.Datum> personal = personalData.in(record);
                put(zip, folder + "record.json", json.writerWithDefaultPrettyPrinter().writeValueAsBytes(record));
                put(zip, folder + "audit.json", json.writerWithDefaultPrettyPrinter()
                        .writeValueAsBytes(record.audit()));
                put(zip, folder + "personal-data.json", json.writerWithDefaultPrettyPrinter()
                        .writeValueAsBytes(personal));
                put(zip, folder + "record.html", html(record, personal).getBytes(StandardCharsets.UTF_8));
                for (RecordView.Image image : record.media()) {
                    manifest.add(image(zip, folder, image));
                }
                Map<String, Object> entry = new LinkedHashMap<>();
                entry.put("postId", id.toString());
                entry.put("folder", folder);
                entry.put("firstSentAt", record.retention().firstSentAt().toString());
                entry.put("personalData", personal.size());
                index.add(entry);
            }
            put(zip, "index.json", json.writerWithDefaultPrettyPrinter().writeValueAsBytes(index));
            put(zip, "manifest.json", json.writerWithDefaultPrettyPrinter().writeValueAsBytes(manifest));
        }
    }

    private Map<String, Object> image(ZipOutputStream zip, String folder, RecordView.Image image) throws IOException {
        String name = folder + "media/" + image.position() + "_" + image.sha256();
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("approvedSha256", image.sha256());
        if (!image.bytesKept() || !store.contains(image.sha256())) {
            line.put("file", name + ".tombstone.txt");
            line.put("bytes", "disposed");
            put(zip, name + ".tombstone.txt", messages.getMessage("records.tombstoneNote", new Object[] {
                    image.position(), image.sha256(), image.altText(), image.contentType(), image.bytes() },
                    Locale.JAPANESE).getBytes(StandardCharsets.UTF_8));
            return line;
        }
        String file = name + switch (image.contentType()) {
            case "image/png" -> ".png";
            case "video/mp4" -> ".mp4";
            case "video/quicktime" -> ".mov";
            default -> ".jpg";
        };
        zip.putNextEntry(new ZipEntry(file));
        MessageDigest digest = sha256();
        try (InputStream in = new DigestInputStream(store.open(image.sha256()), digest)) {
            in.transferTo(zip);
        }
        zip.closeEntry();
        String written = HexFormat.of().formatHex(digest.digest());
        line.put("file", file);
        line.put("sha256", written);
        line.put("matchesApproved", written.equals(image.sha256()));
        return line;
    }

    private String html(RecordView record, List<PersonalData.Datum> personal) {
        return templates.process("record-package", new Context(Locale.JAPANESE, Map.of("record", record,
                "personalData", personal, "zone", RetentionSchedule.CITY_TIME)));
    }


    private static void put(ZipOutputStream zip, String name, byte[] content) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(content);
        zip.closeEntry();
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
