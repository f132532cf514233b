//! Address allocation: pod CIDRs and pod IPs, ClusterIPs, node ports (rules 1.1, 1.2, 1.7, 3.1).

use crate::load::NODE_PORT_RANGE;
use crate::rng::Rng;
use crate::sorted::VecSet;
use std::net::Ipv4Addr;

/// `text` as an IPv4 address, read exactly as `Ipv4Addr`'s `FromStr` reads it (four decimal
/// octets of one to three digits, no leading zeros, at most 255 each), but without its parser,
/// which is large in the browser build.
pub fn parse_ip(text: &str) -> Option<Ipv4Addr> {
    if text.len() > 15 {
        return None;
    }
    let mut octets = [0u8; 4];
    let mut parts = text.split('.');
    for octet in &mut octets {
        let part = parts.next()?.as_bytes();
        let leading_zero = part.len() > 1 && part[0] == b'0';
        if part.is_empty() || part.len() > 3 || leading_zero || !part.iter().all(u8::is_ascii_digit)
        {
            return None;
        }
        let value = part
            .iter()
            .fold(0u16, |n, digit| n * 10 + u16::from(digit - b'0'));
        *octet = u8::try_from(value).ok()?;
    }
    parts.next().is_none().then_some(Ipv4Addr::from(octets))
}

/// The lecture's pod network (`kubeadm init --pod-network-cidr=20.96.0.0/12`).
pub const POD_NETWORK: Ipv4Addr = Ipv4Addr::new(20, 96, 0, 0);
/// kubeadm's Service range, 10.96.0.0/12.
pub const SERVICE_NETWORK: Ipv4Addr = Ipv4Addr::new(10, 96, 0, 0);
const SERVICE_SIZE: u32 = 1 << 20;
/// The static band (rule 1.2): `min(max(16, size/16), 256)` addresses at the bottom.
const STATIC_BAND: u32 = 256;
/// The `kubernetes` Service takes the first address, kube-dns the tenth.
pub const KUBERNETES_SERVICE_IP: Ipv4Addr = Ipv4Addr::new(10, 96, 0, 1);
/// kube-dns's ClusterIP.
pub const DNS_SERVICE_IP: Ipv4Addr = Ipv4Addr::new(10, 96, 0, 10);
/// The first node-port of the dynamic band for the default range (rule 1.7).
const NODE_PORT_DYNAMIC_START: u16 = 30086;

/// The /24 the node controller gives the `index`-th node (in order of registration).
pub fn pod_cidr(index: usize) -> Ipv4Addr {
    let base = u32::from(POD_NETWORK) + ((index as u32 & 0x0fff) << 8);
    Ipv4Addr::from(base)
}

/// True when `ip` is inside 10.96.0.0/12.
pub fn in_service_range(ip: Ipv4Addr) -> bool {
    (u32::from(ip) & !(SERVICE_SIZE - 1)) == u32::from(SERVICE_NETWORK)
}

/// ClusterIPs and node ports in use, and the allocator for new ones.
#[derive(Clone, Debug, PartialEq)]
pub struct Allocations {
    cluster_ips: VecSet<u32>,
    node_ports: VecSet<u16>,
}

impl Default for Allocations {
    fn default() -> Self {
        Allocations {
            cluster_ips: [KUBERNETES_SERVICE_IP, DNS_SERVICE_IP]
                .into_iter()
                .map(u32::from)
                .collect(),
            node_ports: VecSet::new(),
        }
    }
}

impl Allocations {
    /// Takes a requested ClusterIP; false when it is out of range or taken.
    pub fn claim_cluster_ip(&mut self, ip: Ipv4Addr) -> bool {
        in_service_range(ip) && self.cluster_ips.insert(u32::from(ip))
    }

    /// True when `ip` is taken by a Service already.
    pub fn cluster_ip_taken(&self, ip: Ipv4Addr) -> bool {
        self.cluster_ips.contains(&u32::from(ip))
    }

    /// True when a Service already has node port `port`.
    pub fn node_port_taken(&self, port: u16) -> bool {
        self.node_ports.contains(&port)
    }

    /// A random free ClusterIP from the upper (dynamic) band.
    pub fn next_cluster_ip(&mut self, rng: &mut Rng) -> Ipv4Addr {
        let base = u32::from(SERVICE_NETWORK);
        loop {
            let offset = STATIC_BAND + rng.below(u64::from(SERVICE_SIZE - STATIC_BAND - 1)) as u32;
            if self.cluster_ips.insert(base + offset) {
                return Ipv4Addr::from(base + offset);
            }
        }
    }

    /// Takes a requested node port; false when it is out of range or taken.
    pub fn claim_node_port(&mut self, port: u16) -> bool {
        NODE_PORT_RANGE.contains(&port) && self.node_ports.insert(port)
    }

    /// A random free node port, from the dynamic band when it has room.
    pub fn next_node_port(&mut self, rng: &mut Rng) -> Option<u16> {
        let (start, end) = (*NODE_PORT_RANGE.start(), *NODE_PORT_RANGE.end());
        for band in [(NODE_PORT_DYNAMIC_START, end), (start, end)] {
            let free = (band.0..=band.1)
                .filter(|p| !self.node_ports.contains(p))
                .count();
            if free == 0 {
                continue;
            }
            let pick = rng.index(free);
            let port = (band.0..=band.1)
                .filter(|p| !self.node_ports.contains(p))
                .nth(pick)?;
            self.node_ports.insert(port);
            return Some(port);
        }
        None
    }

    /// Frees a node port (its Service was removed).
    pub fn release_node_port(&mut self, port: u16) {
        self.node_ports.remove(&port);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parse_ip_reads_what_the_standard_library_reads() {
        let fixed = [
            "",
            ".",
            "1.2.3.4",
            "0.0.0.0",
            "255.255.255.255",
            "256.1.1.1",
            "01.2.3.4",
            "1.2.3.04",
            "1.2.3",
            "1.2.3.4.",
            ".1.2.3.4",
            "1.2.3.4.5",
            "1..3.4",
            "+1.2.3.4",
            "1.2.3.-4",
            " 1.2.3.4",
            "1.2.3.4 ",
            "0001.2.3.4",
            "1.2.3.4000",
            "10.96.0.10",
            "١.2.3.4",
            "1.2.3.4x",
            "1.2.3.0x4",
            "00.0.0.0",
            "0.0.0.00",
        ];
        let mut rng = crate::rng::Rng::new(11);
        let alphabet = b"0123456789.+- x";
        let random = (0..300_000)
            .map(|_| {
                let len = (rng.next_u64() % 18) as usize;
                (0..len)
                    .map(|_| alphabet[(rng.next_u64() % alphabet.len() as u64) as usize] as char)
                    .collect::<String>()
            })
            .collect::<Vec<_>>();
        let dotted = (0..300_000).map(|_| {
            let mut octet = || {
                let digits = 1 + rng.next_u64() % 4;
                (0..digits)
                    .map(|_| char::from(b'0' + (rng.next_u64() % 10) as u8))
                    .collect::<String>()
            };
            format!("{}.{}.{}.{}", octet(), octet(), octet(), octet())
        });
        for text in fixed
            .map(str::to_owned)
            .into_iter()
            .chain(random)
            .chain(dotted.collect::<Vec<_>>())
        {
            assert_eq!(parse_ip(&text), text.parse::<Ipv4Addr>().ok(), "{text:?}");
        }
    }

    #[test]
    fn rule_3_1_each_node_gets_a_slash_24_of_the_pod_network() {
        assert_eq!(pod_cidr(0), Ipv4Addr::new(20, 96, 0, 0));
        assert_eq!(pod_cidr(2), Ipv4Addr::new(20, 96, 2, 0));
        assert_eq!(pod_cidr(300), Ipv4Addr::new(20, 97, 44, 0));
    }

    #[test]
    fn rule_1_1_cluster_ips_come_from_the_service_range_and_are_unique() {
        let mut a = Allocations::default();
        let mut rng = Rng::new(1);
        let ips: VecSet<Ipv4Addr> = (0..200).map(|_| a.next_cluster_ip(&mut rng)).collect();
        assert_eq!(ips.len(), 200);
        assert!(ips.iter().all(|ip| in_service_range(*ip)));
        assert!(
            !a.claim_cluster_ip(KUBERNETES_SERVICE_IP),
            "the kubernetes Service has it"
        );
        assert!(
            !a.claim_cluster_ip(Ipv4Addr::new(10, 200, 0, 1)),
            "out of range"
        );
        assert!(a.claim_cluster_ip(Ipv4Addr::new(10, 96, 0, 50)));
        assert!(!a.claim_cluster_ip(Ipv4Addr::new(10, 96, 0, 50)), "taken");
    }

    #[test]
    fn rule_1_2_automatic_cluster_ips_avoid_the_static_band() {
        let mut a = Allocations::default();
        let mut rng = Rng::new(9);
        for _ in 0..500 {
            let ip = u32::from(a.next_cluster_ip(&mut rng)) - u32::from(SERVICE_NETWORK);
            assert!(ip >= STATIC_BAND);
        }
    }

    #[test]
    fn rule_1_7_node_ports_prefer_the_dynamic_band_and_never_clash() {
        let mut a = Allocations::default();
        let mut rng = Rng::new(3);
        assert!(a.claim_node_port(30000));
        assert!(!a.claim_node_port(30000), "explicit clash");
        assert!(!a.claim_node_port(8080), "out of range");
        for _ in 0..100 {
            let port = a.next_node_port(&mut rng).unwrap();
            assert!((NODE_PORT_DYNAMIC_START..=32767).contains(&port));
        }
    }
}
