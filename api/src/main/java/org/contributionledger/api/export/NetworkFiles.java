package org.contributionledger.api.export;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

import org.contributionledger.api.export.NetworkExport.Edge;
import org.contributionledger.api.export.NetworkExport.Graph;
import org.contributionledger.api.export.NetworkExport.Node;

/**
 * Writes a network as GEXF 1.3 or GraphML (both read by Gephi and networkx) or as a CSV edge list.
 * The XML is written by the JDK's streaming writer, which escapes every name and identifier.
 */
final class NetworkFiles {

    /** Node attributes: name and GEXF/GraphML type, in the order written. */
    private static final Map<String, String> NODE_ATTRIBUTES = new LinkedHashMap<>();
    private static final Map<String, String> EDGE_ATTRIBUTES = new LinkedHashMap<>();

    static {
        NODE_ATTRIBUTES.put("displayName", "string");
        NODE_ATTRIBUTES.put("influence", "double");
        NODE_ATTRIBUTES.put("givenCount", "long");
        NODE_ATTRIBUTES.put("givenValue", "double");
        NODE_ATTRIBUTES.put("receivedCount", "long");
        NODE_ATTRIBUTES.put("receivedValue", "double");
        NODE_ATTRIBUTES.put("role", "string");
        EDGE_ATTRIBUTES.put("kind", "string");
        EDGE_ATTRIBUTES.put("category", "string");
        EDGE_ATTRIBUTES.put("count", "long");
    }

    private NetworkFiles() {
    }

    static void gexf(Graph graph, OutputStream out) throws IOException {
        xml(out, xml -> {
            xml.writeStartElement("gexf");
            xml.writeDefaultNamespace("http://gexf.net/1.3");
            xml.writeAttribute("version", "1.3");
            xml.writeStartElement("meta");
            element(xml, "creator", "Contribution Ledger");
            element(xml, "description", "Community " + graph.communityId() + ": trust and confirmed gifts");
            xml.writeEndElement();
            xml.writeStartElement("graph");
            xml.writeAttribute("defaultedgetype", "directed");
            xml.writeAttribute("mode", "static");
            declareGexf(xml, "node", NODE_ATTRIBUTES);
            declareGexf(xml, "edge", EDGE_ATTRIBUTES);
            xml.writeStartElement("nodes");
            for (Node node : graph.nodes()) {
                xml.writeStartElement("node");
                xml.writeAttribute("id", node.id());
                // An erased member has no name (docs/audit.md, "Erasure"): Gephi then shows the id.
                xml.writeAttribute("label", node.displayName() == null ? node.id() : node.displayName());
                xml.writeStartElement("attvalues");
                for (Map.Entry<String, String> value : nodeValues(node).entrySet()) {
                    xml.writeEmptyElement("attvalue");
                    xml.writeAttribute("for", value.getKey());
                    xml.writeAttribute("value", value.getValue());
                }
                xml.writeEndElement();
                xml.writeEndElement();
            }
            xml.writeEndElement();
            xml.writeStartElement("edges");
            int id = 0;
            for (Edge edge : graph.edges()) {
                xml.writeStartElement("edge");
                xml.writeAttribute("id", String.valueOf(id++));
                xml.writeAttribute("source", edge.source());
                xml.writeAttribute("target", edge.target());
                xml.writeAttribute("weight", edge.weight().toPlainString());
                xml.writeStartElement("attvalues");
                for (Map.Entry<String, String> value : edgeValues(edge).entrySet()) {
                    xml.writeEmptyElement("attvalue");
                    xml.writeAttribute("for", value.getKey());
                    xml.writeAttribute("value", value.getValue());
                }
                xml.writeEndElement();
                xml.writeEndElement();
            }
            xml.writeEndElement();
            xml.writeEndElement();
            xml.writeEndElement();
        });
    }

    static void graphml(Graph graph, OutputStream out) throws IOException {
        xml(out, xml -> {
            xml.writeStartElement("graphml");
            xml.writeDefaultNamespace("http://graphml.graphdrawing.org/xmlns");
            declareGraphml(xml, "node", NODE_ATTRIBUTES);
            declareGraphml(xml, "edge", EDGE_ATTRIBUTES);
            xml.writeEmptyElement("key");
            xml.writeAttribute("id", "weight");
            xml.writeAttribute("for", "edge");
            xml.writeAttribute("attr.name", "weight");
            xml.writeAttribute("attr.type", "double");
            xml.writeStartElement("graph");
            xml.writeAttribute("id", graph.communityId());
            xml.writeAttribute("edgedefault", "directed");
            for (Node node : graph.nodes()) {
                xml.writeStartElement("node");
                xml.writeAttribute("id", node.id());
                for (Map.Entry<String, String> value : nodeValues(node).entrySet()) {
                    data(xml, value.getKey(), value.getValue());
                }
                xml.writeEndElement();
            }
            for (Edge edge : graph.edges()) {
                xml.writeStartElement("edge");
                xml.writeAttribute("source", edge.source());
                xml.writeAttribute("target", edge.target());
                data(xml, "weight", edge.weight().toPlainString());
                for (Map.Entry<String, String> value : edgeValues(edge).entrySet()) {
                    data(xml, value.getKey(), value.getValue());
                }
                xml.writeEndElement();
            }
            xml.writeEndElement();
            xml.writeEndElement();
        });
    }

    /** An edge list for pandas: source,target,kind,weight,category (RFC 4180). */
    static void csv(Graph graph, OutputStream out) throws IOException {
        StringBuilder text = new StringBuilder("source,target,kind,weight,category\r\n");
        for (Edge edge : graph.edges()) {
            text.append(EventLines.csv(edge.source())).append(',').append(EventLines.csv(edge.target())).append(',')
                    .append(edge.kind()).append(',').append(edge.weight().toPlainString()).append(',')
                    .append(EventLines.csv(edge.category())).append("\r\n");
        }
        out.write(text.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static Map<String, String> nodeValues(Node node) {
        Map<String, String> values = new LinkedHashMap<>();
        if (node.displayName() != null) {
            values.put("displayName", node.displayName());
        }
        if (node.influence() != null) {
            values.put("influence", String.valueOf(node.influence()));
        }
        values.put("givenCount", String.valueOf(node.given().count()));
        values.put("givenValue", node.given().value().stripTrailingZeros().toPlainString());
        values.put("receivedCount", String.valueOf(node.received().count()));
        values.put("receivedValue", node.received().value().stripTrailingZeros().toPlainString());
        values.put("role", node.role().label());
        return values;
    }

    private static Map<String, String> edgeValues(Edge edge) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("kind", edge.kind());
        values.put("category", edge.category());
        values.put("count", String.valueOf(edge.count()));
        return values;
    }

    private static void declareGexf(XMLStreamWriter xml, String forClass, Map<String, String> attributes)
            throws XMLStreamException {
        xml.writeStartElement("attributes");
        xml.writeAttribute("class", forClass);
        for (Map.Entry<String, String> attribute : attributes.entrySet()) {
            xml.writeEmptyElement("attribute");
            xml.writeAttribute("id", attribute.getKey());
            xml.writeAttribute("title", attribute.getKey());
            xml.writeAttribute("type", attribute.getValue());
        }
        xml.writeEndElement();
    }

    private static void declareGraphml(XMLStreamWriter xml, String forClass, Map<String, String> attributes)
            throws XMLStreamException {
        for (Map.Entry<String, String> attribute : attributes.entrySet()) {
            xml.writeEmptyElement("key");
            xml.writeAttribute("id", attribute.getKey());
            xml.writeAttribute("for", forClass);
            xml.writeAttribute("attr.name", attribute.getKey());
            xml.writeAttribute("attr.type", attribute.getValue());
        }
    }

    private static void data(XMLStreamWriter xml, String key, String value) throws XMLStreamException {
        xml.writeStartElement("data");
        xml.writeAttribute("key", key);
        xml.writeCharacters(value);
        xml.writeEndElement();
    }

    private static void element(XMLStreamWriter xml, String name, String text) throws XMLStreamException {
        xml.writeStartElement(name);
        xml.writeCharacters(text);
        xml.writeEndElement();
    }

    private interface XmlBody {
        void write(XMLStreamWriter xml) throws XMLStreamException;
    }

    private static void xml(OutputStream out, XmlBody body) throws IOException {
        try {
            XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(out, "UTF-8");
            xml.writeStartDocument("UTF-8", "1.0");
            body.write(xml);
            xml.writeEndDocument();
            xml.flush();
        } catch (XMLStreamException e) {
            throw new IOException("Could not write the network as XML", e);
        }
    }
}
