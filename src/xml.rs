//! Small pieces of reading XML with quick-xml that the SRX rules and the TMX reader share:
//! an attribute's value and the text of a reference. Errors are messages; each reader puts
//! its file and line to them.

use quick_xml::events::BytesRef;
use quick_xml::events::BytesStart;

/// The value of the attribute `name` (local name, any prefix) of `e`, normalised as XML 1.0
/// reads attribute values.
pub(crate) fn attr(e: &BytesStart, name: &str) -> Result<Option<String>, String> {
    for a in e.attributes() {
        let a = a.map_err(|err| format!("bad attribute: {err}"))?;
        if a.key.local_name().as_ref() == name {
            let v = a
                .normalized_value(quick_xml::XmlVersion::Implicit1_0)
                .map_err(|err| format!("bad attribute: {err}"))?;
            return Ok(Some(v.into_owned()));
        }
    }
    Ok(None)
}

/// The text a character reference (`&#233;`) or a predefined entity (`&amp;`) stands for.
pub(crate) fn reference(r: &BytesRef) -> Result<String, String> {
    if r.is_char_ref() {
        r.resolve_char_ref()
            .ok()
            .flatten()
            .map(|c| c.to_string())
            .ok_or_else(|| "bad character reference".to_string())
    } else {
        let name = r.xml10_content();
        quick_xml::escape::resolve_predefined_entity(&name)
            .map(str::to_string)
            .ok_or_else(|| format!("unknown entity &{name};"))
    }
}
