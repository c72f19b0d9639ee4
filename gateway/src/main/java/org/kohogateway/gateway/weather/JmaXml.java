package org.kohogateway.gateway.weather;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;

import org.jspecify.annotations.Nullable;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;

/**
 * Reads JMA's disaster-information XML (気象庁防災情報XML): the Atom feeds that list the reports, and the weather
 * warnings report (気象警報・注意報, VPWW54). The JDK's namespace-aware parser with secure processing on, no DOCTYPE
 * allowed and no external entity or schema reached: a report is input from the network like any other.
 */
final class JmaXml {

    static final String ATOM = "http://www.w3.org/2005/Atom";
    static final String REPORT = "http://xml.kishou.go.jp/jmaxml1/";
    static final String HEAD = "http://xml.kishou.go.jp/jmaxml1/informationBasis1/";
    static final String METEOROLOGY = "http://xml.kishou.go.jp/jmaxml1/body/meteorology1/";
    /** The part of the body that names each municipality (市町村等), the areas the city configures. */
    static final String BY_MUNICIPALITY = "気象警報・注意報（市町村等）";

    private JmaXml() {
    }

    /** Not XML, not the document expected, or a value that cannot be read. */
    static final class MalformedException extends Exception {

        MalformedException(String message) {
            super(message);
        }

        MalformedException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /**
     * One entry of a feed: a report, its title (the kind of information), the office that issued it (author) and
     * where to fetch it.
     */
    record Entry(String id, String title, String author, String link) {
    }

    /** The entries of an Atom feed, in its order; an entry without an id or a link is left out. */
    static List<Entry> feed(byte[] xml) throws MalformedException {
        Element root = parse(xml).getDocumentElement();
        if (!ATOM.equals(root.getNamespaceURI()) || !"feed".equals(root.getLocalName())) {
            throw new MalformedException("not an Atom feed: <" + root.getNodeName() + ">");
        }
        List<Entry> entries = new ArrayList<>();
        for (Element entry : children(root, ATOM, "entry")) {
            String id = text(entry, ATOM, "id");
            String link = children(entry, ATOM, "link").stream().map(l -> l.getAttribute("href").strip())
                    .filter(href -> !href.isEmpty()).findFirst().orElse(null);
            if (id != null && link != null) {
                String title = text(entry, ATOM, "title");
                String author = children(entry, ATOM, "author").stream().map(a -> text(a, ATOM, "name"))
                        .filter(name -> name != null).findFirst().orElse("");
                entries.add(new Entry(id, title == null ? "" : title, author, link));
            }
        }
        return entries;
    }

    /** One kind in one area and its status as the report states it (発表, 継続, 解除, 警報から特別警報…). */
    record KindStatus(String areaCode, String areaName, String kindCode, String kindName, String status) {
    }

    /**
     * A weather warnings report.
     *
     * @param controlStatus 通常 for a real report; 訓練 (drill) and 試験 (test) ones must never be acted on
     * @param kinds         every kind of every municipality the body names, statuses as given
     */
    record WarningReport(String title, String controlStatus, Instant reportedAt, @Nullable String eventId,
            @Nullable String infoType,
            List<KindStatus> kinds) {

        boolean normal() {
            return "通常".equals(controlStatus);
        }
    }

    /** A weather warnings report; any other report, or one lacking what a warning needs, is malformed here. */
    static WarningReport warnings(byte[] xml) throws MalformedException {
        Element root = parse(xml).getDocumentElement();
        if (!REPORT.equals(root.getNamespaceURI()) || !"Report".equals(root.getLocalName())) {
            throw new MalformedException("not a JMA report: <" + root.getNodeName() + ">");
        }
        Element control = only(root, REPORT, "Control");
        Element head = only(root, HEAD, "Head");
        Element body = only(root, METEOROLOGY, "Body");
        String infoKind = text(head, HEAD, "InfoKind");
        if (!"気象警報・注意報".equals(infoKind)) {
            throw new MalformedException("not a weather warnings report: InfoKind " + infoKind);
        }
        String reported = required(head, HEAD, "ReportDateTime");
        Instant reportedAt;
        try {
            reportedAt = OffsetDateTime.parse(reported).toInstant();
        } catch (DateTimeParseException e) {
            throw new MalformedException("ReportDateTime is not a date-time: " + reported, e);
        }
        List<KindStatus> kinds = new ArrayList<>();
        for (Element warning : children(body, METEOROLOGY, "Warning")) {
            if (!BY_MUNICIPALITY.equals(warning.getAttribute("type"))) {
                continue;
            }
            for (Element item : children(warning, METEOROLOGY, "Item")) {
                Element area = only(item, METEOROLOGY, "Area");
                String areaCode = required(area, METEOROLOGY, "Code");
                String areaName = required(area, METEOROLOGY, "Name");
                for (Element kind : children(item, METEOROLOGY, "Kind")) {
                    String status = required(kind, METEOROLOGY, "Status");
                    String code = text(kind, METEOROLOGY, "Code");
                    if (code != null) {
                        kinds.add(new KindStatus(areaCode, areaName, code, required(kind, METEOROLOGY, "Name"),
                                status));
                    }
                }
            }
        }
        return new WarningReport(required(control, REPORT, "Title"), required(control, REPORT, "Status"),
                reportedAt, text(head, HEAD, "EventID"), text(head, HEAD, "InfoType"), List.copyOf(kinds));
    }

    private static Document parse(byte[] xml) throws MalformedException {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
            factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            factory.setXIncludeAware(false);
            factory.setExpandEntityReferences(false);
            DocumentBuilder builder = factory.newDocumentBuilder();
            // the parser's default handler prints fatal errors to stderr before throwing them
            builder.setErrorHandler(null);
            return builder.parse(new ByteArrayInputStream(xml));
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("the JDK's XML parser lacks a security feature", e);
        } catch (SAXException | IOException e) {
            throw new MalformedException("not well-formed XML: " + e.getMessage(), e);
        }
    }

    private static List<Element> children(Element parent, String namespace, String name) {
        List<Element> found = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && namespace.equals(e.getNamespaceURI()) && name.equals(e.getLocalName())) {
                found.add(e);
            }
        }
        return found;
    }

    private static Element only(Element parent, String namespace, String name) throws MalformedException {
        List<Element> found = children(parent, namespace, name);
        if (found.size() != 1) {
            throw new MalformedException("expected one <" + name + "> in <" + parent.getLocalName() + ">, found "
                    + found.size());
        }
        return found.get(0);
    }

    private static @Nullable String text(Element parent, String namespace, String name) {
        List<Element> found = children(parent, namespace, name);
        if (found.isEmpty()) {
            return null;
        }
        String text = found.get(0).getTextContent().strip();
        return text.isEmpty() ? null : text;
    }

    private static String required(Element parent, String namespace, String name) throws MalformedException {
        String text = text(parent, namespace, name);
        if (text == null) {
            throw new MalformedException("<" + parent.getLocalName() + "> lacks <" + name + ">");
        }
        return text;
    }
}
