package org.kohogateway.gateway.importing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.kohogateway.gateway.media.MediaLibrary;
import org.kohogateway.gateway.media.TestImages;
import org.kohogateway.gateway.post.PostMedia;
import org.kohogateway.gateway.post.PostWorkflow;
import org.kohogateway.gateway.testing.IntegrationTest;
import org.kohogateway.gateway.testing.TestData.World;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The optional {@code media_ids} column: uploaded images by id, in order, with the alt text given at upload, checked
 * as the API checks them (only images the importer may see), a bad id being a row error.
 */
class ImportMediaIntegrationTest extends IntegrationTest {

    private static final String HEADER = "text,links,category,account_ids,scheduled_at,submit,media_ids\r\n";

    @Autowired
    Imports imports;

    @Autowired
    MediaLibrary library;

    @Autowired
    PostWorkflow workflow;

    @Test
    void aRowCarriesTheUploadedImagesInTheOrderItNamesWithTheirAltText() {
        World world = data.world();
        long float_ = upload(world.poster(), "秋祭りの山車");
        long fireworks = upload(world.poster(), "夜空の花火");

        PostImport done = importRows(world.poster(), "秋祭りの写真です。,,EVENT," + world.lineA().id() + ",,false,"
                + fireworks + " " + float_ + "\r\n");

        assertThat(done.imported()).as(imports.errors(done.id()).toString()).isEqualTo(1);
        List<PostMedia> media = workflow.get(imports.posts(done.id()).getFirst()).content().media();
        assertThat(media).extracting(PostMedia::mediaId).containsExactly(fireworks, float_);
        assertThat(media).extracting(PostMedia::altText).containsExactly("夜空の花火", "秋祭りの山車");
    }

    @Test
    void anImageTheImporterMayNotSeeAnUnknownIdOrAWordIsARowErrorAndTheOtherRowsImport() {
        World world = data.world();
        World otherDepartment = data.world();
        long theirs = upload(otherDepartment.poster(), "他の課の写真");
        long mine = upload(world.poster(), "自分の写真");
        long a = world.lineA().id();

        PostImport done = importRows(world.poster(),
                "他の課の画像です。,,NOTICE," + a + ",,false," + theirs + "\r\n"            // 2
                        + "ない画像です。,,NOTICE," + a + ",,false,999999999\r\n"              // 3
                        + "数字ではありません。,,NOTICE," + a + ",,false,photo.jpg\r\n"       // 4
                        + "画像なしの投稿です。,,NOTICE," + a + ",,false,\r\n"                 // 5 ok
                        + "自分の画像です。,,NOTICE," + a + ",,false," + mine + "\r\n");       // 6 ok

        assertThat(done.imported()).isEqualTo(2);
        assertThat(lineAndCode(done)).containsExactly("2 media.notFound", "3 media.notFound",
                "4 import.row.badMediaId");
    }

    @Test
    void anImageWithoutAltTextIsStoppedByTheAccountsPolicy() {
        World world = data.world();
        long undescribed = upload(world.poster(), null);

        PostImport done = importRows(world.poster(),
                "説明のない画像です。,,NOTICE," + world.lineA().id() + ",,false," + undescribed + "\r\n");

        assertThat(done.imported()).isZero();
        assertThat(lineAndCode(done)).containsExactly("2 rule.ALT_TEXT_MISSING");
    }

    private long upload(String username, @Nullable String altText) {
        return library.upload(username, new ByteArrayInputStream(TestImages.jpeg(64, 48)), altText).id();
    }

    private PostImport importRows(String username, String rows) {
        PostImport accepted = imports.accept(username, "posts.csv",
                (HEADER + rows).getBytes(StandardCharsets.UTF_8), ImportMode.VALID_ROWS);
        return imports.run(accepted.id());
    }

    private List<String> lineAndCode(PostImport done) {
        List<String> lineAndCode = new ArrayList<>();
        imports.errors(done.id()).forEach(e -> lineAndCode.add(e.line() + " " + e.code()));
        return lineAndCode;
    }
}
