package org.kohogateway.gateway.web;

import java.io.IOException;
import java.io.InputStream;
import java.util.Set;

import org.kohogateway.gateway.media.Media;
import org.kohogateway.gateway.media.MediaLibrary;
import org.kohogateway.gateway.post.MediaChoice;
import org.kohogateway.gateway.staff.Staff;
import org.kohogateway.gateway.support.GatewayException;
import org.kohogateway.gateway.support.InvalidRequestException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;

import jakarta.servlet.http.HttpServletResponse;

/**
 * The compose page's photo picker: one photo per request (the page sends each chosen or dropped file on its own), so a
 * refusal names the file it is about and a request stays within the upload size bound. The answer is the fragment of
 * the new photo, or the refusal next to the picker with the status the domain's refusal carries.
 */
@Controller
class ComposeMediaPagesController {

    private final MediaLibrary library;
    private final FormErrors errors;

    ComposeMediaPagesController(MediaLibrary library, FormErrors errors) {
        this.library = library;
        this.errors = errors;
    }

    @PostMapping(path = "/compose/media", consumes = "multipart/form-data")
    String upload(Staff me, @RequestParam(required = false) MultipartFile file, Model model,
            HttpServletResponse response) {
        try {
            if (file == null || file.isEmpty()) {
                throw new InvalidRequestException("page.media.noFile", "choose a photo");
            }
            Media media;
            try (InputStream in = file.getInputStream()) {
                media = library.upload(me.username(), in, "");
            } catch (IOException e) {
                throw new InvalidRequestException("media.unreadable", "the upload could not be read: {0}",
                        e.getMessage());
            }
            model.addAttribute("m", new MediaChoice(media.id(), media.altText()));
            model.addAttribute("videoIds", media.contentType().startsWith("video/") ? Set.of(media.id()) : Set.of());
            return "fragments/compose-media :: item";
        } catch (GatewayException e) {
            errors.show(model, response, "media", e);
            return "fragments/compose-media :: error";
        }
    }
}
