//! What a request asks for beyond its body: the language, the file's name, and whether its
//! `Host` is this computer.

use std::net::IpAddr;

use crate::messages::Lang;

/// The language a request asks for: `?lang=`, else the first `Accept-Language` renja speaks,
/// else the server's `--lang`.
pub(super) fn request_lang(
    query_lang: Option<&str>,
    accept_language: Option<&str>,
    default: Lang,
) -> Lang {
    if let Some(lang) = query_lang.and_then(Lang::parse) {
        return lang;
    }
    accept_language
        .into_iter()
        .flat_map(|list| list.split(','))
        .filter_map(|tag| {
            let tag = tag.split(';').next().unwrap_or_default().trim();
            Lang::parse(tag.split('-').next().unwrap_or_default())
        })
        .next()
        .unwrap_or(default)
}

/// A file name from the client, reduced to its last path component (no folders, no `..`).
pub(super) fn upload_name(header: Option<&str>) -> String {
    let decoded = header.map(super::http::percent_decode).unwrap_or_default();
    let base = decoded
        .rsplit(['/', '\\'])
        .next()
        .unwrap_or_default()
        .trim()
        .chars()
        .filter(|c| !c.is_control())
        .collect::<String>();
    if base.is_empty() || base == "." || base == ".." {
        "workbook.xlsx".to_string()
    } else {
        base
    }
}

/// Whether the `Host` a browser sent names this computer, so a web page elsewhere cannot
/// reach a loopback-only server through a DNS name that points here (DNS rebinding).
pub(super) fn host_is_local(host: Option<&str>) -> bool {
    let Some(host) = host else { return true };
    let name = if let Some(rest) = host.strip_prefix('[') {
        rest.split(']').next().unwrap_or_default()
    } else {
        host.rsplit_once(':').map_or(host, |(name, _)| name)
    };
    name.eq_ignore_ascii_case("localhost")
        || name.parse::<IpAddr>().is_ok_and(|ip| ip.is_loopback())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn query_wins_then_accept_language_then_default() {
        assert_eq!(request_lang(Some("en"), Some("id"), Lang::Id), Lang::En);
        assert_eq!(
            request_lang(None, Some("fr-FR,en-US;q=0.8"), Lang::Id),
            Lang::En
        );
        assert_eq!(
            request_lang(None, Some("id-ID,id;q=0.9,en;q=0.5"), Lang::En),
            Lang::Id
        );
        assert_eq!(request_lang(None, Some("fr"), Lang::En), Lang::En);
        assert_eq!(request_lang(Some("xx"), None, Lang::Id), Lang::Id);
    }

    #[test]
    fn upload_names_lose_their_folders() {
        assert_eq!(upload_name(Some("Renja%202025.xlsx")), "Renja 2025.xlsx");
        assert_eq!(upload_name(Some("..%2F..%2Fetc%2Fpasswd")), "passwd");
        assert_eq!(upload_name(Some("C:\\Users\\a\\b.xls")), "b.xls");
        assert_eq!(upload_name(Some("..")), "workbook.xlsx");
        assert_eq!(upload_name(None), "workbook.xlsx");
    }

    #[test]
    fn only_local_hosts_pass_on_loopback() {
        for ok in [
            "127.0.0.1:8080",
            "localhost:8080",
            "[::1]:8080",
            "localhost",
        ] {
            assert!(host_is_local(Some(ok)), "{ok}");
        }
        for bad in ["evil.example:8080", "192.168.1.5:8080", "[fe80::1]:80"] {
            assert!(!host_is_local(Some(bad)), "{bad}");
        }
    }
}
