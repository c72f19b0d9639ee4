package org.kohogateway.gateway.media;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.color.ColorSpace;
import java.awt.color.ICC_Profile;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;

import javax.imageio.ImageIO;

import org.apache.commons.imaging.ImagingException;
import org.apache.commons.imaging.formats.jpeg.exif.ExifRewriter;
import org.apache.commons.imaging.formats.jpeg.iptc.IptcRecord;
import org.apache.commons.imaging.formats.jpeg.iptc.IptcTypes;
import org.apache.commons.imaging.formats.jpeg.iptc.JpegIptcRewriter;
import org.apache.commons.imaging.formats.jpeg.iptc.PhotoshopApp13Data;
import org.apache.commons.imaging.formats.jpeg.xmp.JpegXmpRewriter;
import org.apache.commons.imaging.formats.tiff.constants.TiffTagConstants;
import org.apache.commons.imaging.formats.tiff.write.TiffOutputSet;

import com.drew.imaging.ImageMetadataReader;
import com.drew.imaging.ImageProcessingException;
import com.drew.metadata.Metadata;

/** Real small images made in the test, with the metadata a phone writes added by a library. */
public final class TestImages {

    /** Gotsu city hall, roughly: what a phone photo taken there would carry. */
    public static final double LATITUDE = 35.0113;
    public static final double LONGITUDE = 132.2214;

    private TestImages() {
    }

    /** A JPEG, left half red and right half blue, so a turn can be told from the pixels. */
    public static byte[] jpeg(int width, int height) {
        return encode(halves(width, height, false), "jpg");
    }

    public static byte[] png(int width, int height) {
        return encode(halves(width, height, true), "png");
    }

    /** A JPEG of noise, which compresses badly: a few megabytes from a modest number of pixels. */
    public static byte[] noisyJpeg(int width, int height, long seed) {
        return noisyJpeg(width, height, seed, 0.75f);
    }

    /** The same at a chosen quality: at 0.98, noise takes about 1.6 bytes a pixel. */
    public static byte[] noisyJpeg(int width, int height, long seed, float quality) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Random random = new Random(seed);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                image.setRGB(x, y, random.nextInt(0x1000000));
            }
        }
        return jpeg(image, param -> {
            param.setCompressionMode(javax.imageio.ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(quality);
        });
    }

    /** The same picture written progressively: several scans, with Huffman tables between them. */
    public static byte[] progressiveJpeg(byte[] jpeg) {
        return jpeg(decode(jpeg), param -> param.setProgressiveMode(javax.imageio.ImageWriteParam.MODE_DEFAULT));
    }

    private static byte[] jpeg(BufferedImage image, Consumer<javax.imageio.ImageWriteParam> settings) {
        javax.imageio.ImageWriter writer = ImageIO.getImageWritersByFormatName("jpg").next();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (javax.imageio.stream.ImageOutputStream stream = ImageIO.createImageOutputStream(out)) {
            writer.setOutput(stream);
            javax.imageio.ImageWriteParam param = writer.getDefaultWriteParam();
            settings.accept(param);
            writer.write(null, new javax.imageio.IIOImage(image, null, null), param);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
        return out.toByteArray();
    }

    /** The JPEG with EXIF: GPS position, the given orientation and a camera model; and an XMP packet. */
    public static byte[] withPhoneMetadata(byte[] jpeg, int orientation) {
        try {
            TiffOutputSet exif = new TiffOutputSet();
            exif.setGpsInDegrees(LONGITUDE, LATITUDE);
            exif.getOrCreateRootDirectory().add(TiffTagConstants.TIFF_TAG_ORIENTATION, (short) orientation);
            exif.getOrCreateRootDirectory().add(TiffTagConstants.TIFF_TAG_MODEL, "KohoPhone 15");
            ByteArrayOutputStream withExif = new ByteArrayOutputStream();
            new ExifRewriter().updateExifMetadataLossless(jpeg, withExif, exif);
            ByteArrayOutputStream withXmp = new ByteArrayOutputStream();
            new JpegXmpRewriter().updateXmpXml(withExif.toByteArray(), withXmp,
                    "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\"><rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">"
                            + "<rdf:Description xmlns:exif=\"http://ns.adobe.com/exif/1.0/\" "
                            + "exif:GPSLatitude=\"35,0.678N\"/></rdf:RDF></x:xmpmeta>");
            return withXmp.toByteArray();
        } catch (ImagingException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The JPEG with a Photoshop APP13 segment holding IPTC: the city and a caption naming a person. */
    public static byte[] withIptc(byte[] jpeg) {
        PhotoshopApp13Data iptc = new PhotoshopApp13Data(List.of(new IptcRecord(IptcTypes.CITY, "Gotsu"),
                new IptcRecord(IptcTypes.CAPTION_ABSTRACT, "KohoCaption Yamada Taro")), List.of());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            new JpegIptcRewriter().writeIptc(jpeg, out, iptc);
        } catch (ImagingException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** The JPEG with an sRGB ICC profile in APP2, as colour-managed cameras and editors write it. */
    public static byte[] withIccProfile(byte[] jpeg) {
        byte[] profile = ICC_Profile.getInstance(ColorSpace.CS_sRGB).getData();
        ByteArrayOutputStream payload = new ByteArrayOutputStream();
        payload.writeBytes("ICC_PROFILE\0".getBytes(StandardCharsets.US_ASCII));
        payload.write(1); // chunk 1
        payload.write(1); // of 1
        payload.writeBytes(profile);
        return withSegment(jpeg, 0xe2, payload.toByteArray());
    }

    /** The JPEG with one more segment right after its start marker (a comment is 0xfe, APPn 0xe0 + n). */
    public static byte[] withSegment(byte[] jpeg, int marker, byte[] payload) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0xff);
        out.write(0xd8);
        out.write(0xff);
        out.write(marker);
        out.write((payload.length + 2) >> 8);
        out.write((payload.length + 2) & 0xff);
        out.writeBytes(payload);
        out.write(jpeg, 2, jpeg.length - 2);
        return out.toByteArray();
    }

    public static Metadata metadata(byte[] image) {
        try {
            return ImageMetadataReader.readMetadata(new ByteArrayInputStream(image));
        } catch (ImageProcessingException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static BufferedImage decode(byte[] image) {
        try {
            return ImageIO.read(new ByteArrayInputStream(image));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static BufferedImage halves(int width, int height, boolean alpha) {
        BufferedImage image = new BufferedImage(width, height,
                alpha ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.RED);
        g.fillRect(0, 0, width / 2, height);
        g.setColor(Color.BLUE);
        g.fillRect(width / 2, 0, width - width / 2, height);
        g.dispose();
        return image;
    }

    private static byte[] encode(BufferedImage image, String format) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, format, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
