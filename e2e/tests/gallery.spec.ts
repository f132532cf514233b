// Every lecture example of the gallery, played through the UI alone (click the example,
// pause, step or play at 4×), once in English and once in Korean: the picture must show what
// Kubernetes does, and the narration must say it, myth notes included, in the page's language.
import { test, expect } from '@playwright/test';
import { check, expectLanguage, LOCALE, openStory, type ExampleId, type Lang, type Story } from './story';

// Each story is independent: let both workers share them.
test.describe.configure({ mode: 'parallel' });

/** Pod IPs come from the node's pod CIDR (k8s-node1 → 20.96.1.0/24, ...). */
const POD_CIDR: Record<string, number> = { 'k8s-master': 0, 'k8s-node1': 1, 'k8s-node2': 2 };
const podIpOn = (node: string) => new RegExp(`^20\\.96\\.${POD_CIDR[node]}\\.\\d+$`);

const stories: Record<ExampleId, { title: string; play: (s: Story) => Promise<void> }> = {
  emptydir: {
    title: 'a container restart keeps the emptyDir file, deleting the pod loses it',
    async play(s) {
      const pods = s.kind('Pod');
      await expect(pods).toHaveCount(1);
      const name = (await pods.getAttribute('data-name'))!;
      const ip = (await pods.getAttribute('data-ip'))!;
      const node = (await pods.getAttribute('data-node'))!;
      const pod = s.pod(name);
      const volume = pod.locator('[data-kind="Volume"][data-lifetime="pod"]');
      await check(volume).toHaveAttribute('data-type', 'emptyDir');
      await check(pod.locator('[data-kind="Container"]')).toHaveCount(2);
      const container2 = pod.locator('[data-kind="Container"][data-name="container2"]');
      await check(s.files(s.cluster)).toHaveCount(0);

      // container1 writes into the shared emptyDir.
      await s.step(1);
      await check(s.files(volume, 'file.txt')).toHaveCount(1);
      await check(s.files(pod.locator('[data-kind="Container"]'))).toHaveCount(0);
      await s.expectNarration(
        1,
        s.t(
          ['container1 wrote file.txt into volume empty-dir (emptyDir)', 'container restarts keep it'],
          ['볼륨 empty-dir(emptyDir)에 file.txt', '컨테이너 재시작에는 남고'],
        ),
        null,
      );

      // container2 writes outside any volume: its own writable layer.
      await s.step(2);
      await check(s.files(container2, '/tmp/scratch.txt')).toHaveCount(1);
      await check(s.files(volume, 'file.txt')).toHaveCount(1);
      await s.expectNarration(
        2,
        s.t(["container's own writable layer"], ['컨테이너 자체의 쓰기 레이어']),
        null,
      );

      // container2 restarts: same pod, fresh writable layer, the volume keeps its file.
      await s.step(3);
      await check(s.files(container2)).toHaveCount(0);
      await check(s.files(volume, 'file.txt')).toHaveCount(1);
      await check(pod).toHaveAttribute('data-ip', ip);
      await check(pod).toHaveAttribute('data-node', node);
      await check(pod).toHaveAttribute('data-phase', 'Running');
      await s.expectNarration(
        3,
        s.t(
          ['restarted it in the same pod', 'Lost with the old layer: /tmp/scratch.txt', 'Files in volumes stay'],
          ['같은 파드 안에서 다시 시작했습니다', '이전 레이어와 함께 사라진 파일: /tmp/scratch.txt', '볼륨 안의 파일은 남습니다'],
        ),
        s.t(['Myth: a restarted container keeps its files', 'only volumes survive a restart'], ['오해: 재시작한 컨테이너는 파일을 유지한다', '재시작을 견디는 것은 볼륨뿐입니다']),
      );

      // The pod is deleted: the ReplicaSet's replacement gets a new, empty emptyDir.
      await s.step(4);
      await check(pod).toHaveCount(0);
      const replacement = s.cluster.locator(`[data-kind="Pod"]:not([data-name="${name}"])`);
      await check(replacement).toHaveCount(1);
      await check(replacement).toHaveAttribute('data-name', /^pod-volume-/);
      await check(replacement).not.toHaveAttribute('data-ip', ip);
      await check(replacement.locator('[data-kind="Volume"][data-lifetime="pod"]')).toHaveCount(1);
      await check(s.files(replacement.locator('[data-kind="Volume"]'))).toHaveCount(0);
      await check(s.files(s.cluster, 'file.txt')).toHaveCount(0);
      await s.expectNarration(
        4,
        s.t([`Pod ${name} was deleted`, 'and with it file.txt'], [`파드 ${name}가 삭제되었습니다`, '그 안의 file.txt도 함께 사라졌습니다']),
        s.t(['Myth: an emptyDir is persistent storage', 'died with the pod'], ['오해: emptyDir은 영구 저장소다', '파드와 함께 사라졌고']),
      );
    },
  },

  hostpath: {
    title: "the file stays on the failed node's disk; the replacement on the other node finds nothing",
    async play(s) {
      const pods = s.kind('Pod');
      await expect(pods).toHaveCount(1);
      const name = (await pods.getAttribute('data-name'))!;
      const pod = s.pod(name);
      await check(pod, 'preferred node affinity puts it on k8s-node1').toHaveAttribute('data-node', 'k8s-node1');
      await check(pod.locator('[data-kind="Volume"]')).toHaveAttribute('data-lifetime', 'node');
      await check(s.hostPath('k8s-node1')).toHaveAttribute('data-name', '/node-v');
      await check(s.files(s.hostPath('k8s-node1'))).toHaveCount(0);

      await s.step(1);
      await check(s.files(s.hostPath('k8s-node1'), '/node-v/file.txt')).toHaveCount(1);
      await check(s.files(pod.locator('[data-kind="Volume"]'), 'file.txt')).toHaveCount(1);
      await s.expectNarration(
        1,
        s.t(["onto k8s-node1's disk (hostPath volume host-path)", 'a pod on another node will not see it'], ['k8s-node1의 디스크(hostPath 볼륨 host-path)에', '다른 노드의 파드는 볼 수 없습니다']),
        null,
      );

      // The node stops: nothing changes in the API at once.
      await s.step(2);
      await check(s.node('k8s-node1')).toHaveAttribute('data-up', 'false');
      await check(s.node('k8s-node1'), 'still Ready until the grace period ends').toHaveAttribute('data-ready', 'true');
      await check(pods).toHaveCount(1);
      await check(pod).toHaveAttribute('data-node', 'k8s-node1');
      await s.expectNarration(
        2,
        s.t(['k8s-node1 stopped', 'the API still shows it Ready'], ['k8s-node1가 멈췄습니다', 'API는 여전히 Ready로']),
        s.t(['Myth: pods move as soon as a node dies', 'k8s-node1'], ['오해: 노드가 죽으면 파드가 바로 옮겨 간다', '300초']),
      );

      // Six minutes later: NotReady, evicted, replaced on k8s-node2.
      await s.step(3);
      await check(s.node('k8s-node1')).toHaveAttribute('data-ready', 'false');
      const moved = s.cluster.locator(`[data-kind="Pod"][data-node="k8s-node2"]`);
      await check(moved).toHaveCount(1);
      await check(moved).not.toHaveAttribute('data-name', name);
      await check(moved).toHaveAttribute('data-ip', podIpOn('k8s-node2'));
      await check(moved).toHaveAttribute('data-phase', 'Running');
      await check(s.files(moved)).toHaveCount(0);
      await check(s.hostPath('k8s-node2')).toHaveAttribute('data-name', '/node-v');
      await check(s.files(s.hostPath('k8s-node2'))).toHaveCount(0);
      await check(s.files(s.hostPath('k8s-node1'), '/node-v/file.txt')).toHaveCount(1);
      await s.expectNarration(
        3,
        s.t(['6m passed', 'NotReady', 'were evicted', 'on k8s-node2'], ['6m이(가) 지났습니다', 'NotReady', '축출되었습니다', 'k8s-node2에']),
        s.t(['Myth: hostPath is shared storage'], ['오해: hostPath는 공유 저장소다']),
      );
      const movedName = (await moved.getAttribute('data-name'))!;

      // The replacement writes: only k8s-node2's directory gets it.
      await s.step(4);
      const movedPod = s.pod(movedName);
      await check(s.files(movedPod, 'other.txt')).toHaveCount(1);
      await check(s.files(movedPod, 'file.txt')).toHaveCount(0);
      await check(s.files(s.hostPath('k8s-node2'), '/node-v/other.txt')).toHaveCount(1);
      await check(s.files(s.hostPath('k8s-node2'), '/node-v/file.txt')).toHaveCount(0);
      await check(s.files(s.hostPath('k8s-node1'))).toHaveCount(1);
      await s.expectNarration(4, s.t(["onto k8s-node2's disk"], ['k8s-node2의 디스크']), null);

      // k8s-node1 comes back: the evicted pod is finally deleted, its disk kept the file.
      await s.step(5);
      await check(s.node('k8s-node1')).toHaveAttribute('data-up', 'true');
      await check(s.node('k8s-node1')).toHaveAttribute('data-ready', 'true');
      await check(pod).toHaveCount(0);
      await check(pods).toHaveCount(1);
      await check(movedPod).toHaveAttribute('data-node', 'k8s-node2');
      await check(s.files(s.hostPath('k8s-node1'), '/node-v/file.txt')).toHaveCount(1);
      await check(s.files(s.hostPath('k8s-node1'))).toHaveCount(1);
      await check(s.files(s.hostPath('k8s-node2'))).toHaveCount(1);
      await s.expectNarration(5, s.t(['k8s-node1 is back'], ['k8s-node1가 돌아왔습니다']), null);
    },
  },

  'local-pv': {
    title: 'the local PV keeps the file after the pod and the claim are gone, and ends Released',
    async play(s) {
      const pv = s.kind('PersistentVolume', { name: 'pv-01' });
      const pvc = s.kind('PersistentVolumeClaim', { name: 'pvc-01' });
      const pods = s.kind('Pod');
      await expect(pods).toHaveCount(1);
      const name = (await pods.getAttribute('data-name'))!;
      await check(pods, 'the local PV pins its pod to k8s-node1').toHaveAttribute('data-node', 'k8s-node1');
      await check(pods.locator('[data-kind="Volume"]')).toHaveAttribute('data-lifetime', 'persistent');
      await check(pvc).toHaveAttribute('data-phase', 'Bound');
      await check(pvc).toHaveAttribute('data-volume', 'pv-01');
      await check(pv).toHaveAttribute('data-phase', 'Bound');
      await check(pv).toHaveAttribute('data-reclaim', 'Retain');

      await s.step(1);
      await check(s.files(pv, 'file.txt')).toHaveCount(1);
      await check(s.files(pvc, 'file.txt')).toHaveCount(1);
      await check(s.files(s.pod(name), 'file.txt')).toHaveCount(1);
      await s.expectNarration(
        1,
        s.t(['into PersistentVolume pv-01', 'It outlives the pod'], ['PersistentVolume pv-01에 file.txt', '파드보다 오래 남고']),
        null,
      );

      // The pod is replaced, on the same node, and finds the file again.
      await s.step(2);
      await check(s.pod(name)).toHaveCount(0);
      const replacement = s.cluster.locator(`[data-kind="Pod"]:not([data-name="${name}"])`);
      await check(replacement).toHaveCount(1);
      await check(replacement).toHaveAttribute('data-node', 'k8s-node1');
      await check(s.files(replacement, 'file.txt')).toHaveCount(1);
      await check(s.files(pv, 'file.txt')).toHaveCount(1);
      await s.expectNarration(2, s.t(['was deleted', 'Files in pv-01 stay in their storage'], ['삭제되었습니다', 'pv-01의 파일은 저장소에 남습니다']), null);

      // Deleting the claim while a pod uses it: Terminating, still bound (storage object in use protection).
      await s.step(3);
      await check(pvc).toHaveAttribute('data-phase', 'Terminating');
      await check(pvc, 'a Terminating claim is still bound to its PV (spec.volumeName stays)').toHaveAttribute('data-volume', 'pv-01');
      await check(pv).toHaveAttribute('data-phase', 'Bound');
      await check(replacement).toHaveCount(1);
      await check(s.files(pv, 'file.txt')).toHaveCount(1);
      await s.expectNarration(
        3,
        s.t(['stays Terminating while pods use it', 'storage object in use protection'], ['Terminating으로 남습니다', '사용 중인 스토리지 오브젝트 보호']),
        null,
      );

      // No pod left: the claim goes, the Retain PV is Released and keeps its data.
      await s.step(4);
      await check(pods).toHaveCount(0);
      await check(pvc).toHaveCount(0);
      await check(pv).toHaveAttribute('data-phase', 'Released');
      await check(pv).toHaveAttribute('data-reclaim', 'Retain');
      await check(s.files(pv, 'file.txt')).toHaveCount(1);
      await s.expectNarration(
        4,
        s.t(['scaled from 1 to 0', 'PersistentVolumeClaim pvc-01 is deleted', 'PV pv-01 is Released'], ['1에서 0로', 'PersistentVolumeClaim pvc-01이(가) 삭제되었습니다', 'PV pv-01은(는) Released가 되었습니다']),
        s.t(['Myth: deleting a PVC deletes the data', 'Retain'], ['오해: PVC를 지우면 데이터도 지워진다', 'Retain']),
      );
    },
  },

  clusterip: {
    title: 'kube-proxy spreads 12 requests over several pods',
    async play(s) {
      await check(s.kind('Service', { name: 'svc-1' })).toHaveAttribute('data-type', 'ClusterIP');
      await check(s.kind('Service', { name: 'svc-1' }).locator(':scope > title')).toContainText(/ClusterIP 10\.(9[6-9]|10\d|11[01])\.\d+\.\d+/);
      await check(s.kind('Pod')).toHaveCount(4);
      expect(await s.hits()).toEqual({});

      await s.playToEnd();
      const hits = await s.expectHitsTotal(12);
      check(hits.client, 'the client answers nothing').toBeUndefined();
      const answering = Object.keys(hits);
      check(answering.length, 'several pods answered').toBeGreaterThanOrEqual(2);
      for (const name of answering) check(name).toMatch(/^web-/);
      await check(s.drops).toHaveCount(0);
      const counts = Object.entries(hits).map(([pod, n]) => `${pod} ×${n}`);
      await s.expectNarration(
        1,
        [...s.t(['12 of 12 requests delivered'], ['요청 12개 중 12개 전달']), ...counts],
        s.t(['Myth: a Service balances round robin', 'at random'], ['오해: 서비스는 라운드 로빈으로 분산한다', '무작위로']),
      );
    },
  },

  'nodeport-local': {
    title: 'every node opens the NodePort; with policy Local the node without the pod drops',
    async play(s) {
      await check(s.kind('Service', { name: 'svc-2' })).toHaveAttribute('data-type', 'NodePort');
      const nodes = await s.kind('Node').evaluateAll((els) => els.map((e) => e.getAttribute('data-name')!));
      check(nodes).toEqual(['k8s-master', 'k8s-node1', 'k8s-node2']);
      for (const node of nodes) {
        const door = s.node(node).locator('[data-kind="NodePort"]');
        await check(door, `${node} opens the NodePort`).toHaveCount(1);
        await check(door).toHaveAttribute('data-port', '30000');
        await check(door).toHaveAttribute('data-service', 'svc-2');
        await check(door).toHaveAttribute('data-node', node);
      }
      await check(s.pod('pod-1')).toHaveAttribute('data-node', 'k8s-node1');

      // To the node with the pod: delivered, and never forwarded to another node.
      await s.step(1);
      await check(s.pod('pod-1')).toHaveAttribute('data-hits', '2');
      await check(s.drops).toHaveCount(0);
      await s.expectNarration(1, s.t(['2 of 2 requests delivered (pod-1 ×2)'], ['요청 2개 중 2개 전달 (pod-1 ×2)']), null);

      // To the node without one: dropped there (the marks stay until the next step).
      await s.step(2);
      await expect(s.drops).toHaveCount(2);
      for (const drop of await s.drops.all()) {
        await check(drop).toHaveAttribute(
          'data-reason',
          s.t('dropped at k8s-node2: the traffic policy is Local and k8s-node2 has no ready endpoint of svc-2', 'k8s-node2에서 버려짐: 트래픽 정책이 Local인데 k8s-node2에 svc-2의 준비된 엔드포인트가 없습니다'),
        );
        await s.expectDropOn(drop, s.node('k8s-node2'));
      }
      await check(s.pod('pod-1'), 'nothing reached the pod').toHaveAttribute('data-hits', '2');
      await s.expectNarration(
        2,
        s.t(['0 of 2 requests delivered', '2 dropped', 'policy is Local'], ['요청 2개 중 0개 전달', '2개는 버려짐', '트래픽 정책이 Local']),
        null,
      );
    },
  },

  'loadbalancer-pending': {
    title: 'without a cloud the load balancer stays <pending>; the NodePort still works',
    async play(s) {
      const lb = s.kind('LoadBalancer', { name: 'svc-3' });
      await check(lb).toHaveAttribute('data-address', '');
      await check(lb).toContainText('<pending>');
      await check(s.kind('Service', { name: 'svc-3' })).toHaveAttribute('data-type', 'LoadBalancer');
      const doors = s.kind('NodePort', { service: 'svc-3' });
      await check(doors, 'one door per node').toHaveCount(3);
      const ports = await doors.evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-port'))));
      check(new Set(ports).size, 'the same port on every node').toBe(1);
      check(ports[0]).toBeGreaterThanOrEqual(30000);
      check(ports[0]).toBeLessThanOrEqual(32767);

      // From the internet: nothing to reach, the request dies at the client.
      await s.step(1);
      await expect(s.drops).toHaveCount(1);
      await check(s.drops).toHaveAttribute('data-reason', /<pending>/);
      await check(s.drops).toHaveAttribute('data-reason', s.t(/no external address/, /외부 주소가 없습니다/));
      await s.expectDropOn(s.drops, s.kind('Client', { name: 'internet' }));
      expect(await s.hits()).toEqual({});
      await s.expectNarration(
        1,
        s.t(['LoadBalancer svc-3 has no external address', '<pending>'], ['LoadBalancer svc-3에 외부 주소가 없습니다', '<pending>']),
        s.t(['does not create a load balancer by itself', 'Its NodePort works all the same'], ['스스로 로드밸런서를 만들지는 않습니다', 'NodePort는 그대로 동작합니다']),
      );

      // Through k8s-node1's NodePort: delivered, also to the pod on the other node.
      await s.step(2);
      await check(s.drops).toHaveCount(0);
      await s.expectHitsTotal(2);
      await check(lb).toHaveAttribute('data-address', '');
      await s.expectNarration(
        2,
        s.t(['2 of 2 requests delivered'], ['요청 2개 중 2개 전달']),
        s.t(['Myth: a NodePort only works on the node that runs the pod'], ['오해: NodePort는 파드가 있는 노드에서만 동작한다']),
      );
    },
  },

  'loadbalancer-cloud': {
    title: 'with a cloud the load balancer gets an address and delivers internet traffic',
    async play(s) {
      const lb = s.kind('LoadBalancer', { name: 'svc-3' });
      await check(lb).toHaveAttribute('data-address', /^203\.0\.113\.\d+$/);
      const address = (await lb.getAttribute('data-address'))!;
      await check(lb).toContainText(address);
      await check(lb).not.toContainText('<pending>');
      await check(s.kind('Service', { name: 'svc-3' }).locator(':scope > title')).toContainText(`LB ${address}`);
      await check(s.kind('NodePort', { service: 'svc-3' })).toHaveCount(3);

      await s.playToEnd();
      const hits = await s.expectHitsTotal(6);
      check(Object.keys(hits).length, 'spread over both pods').toBe(2);
      await check(s.drops).toHaveCount(0);
      await s.expectNarration(
        1,
        s.t(['internet → lb/svc-3:9000', '6 of 6 requests delivered'], ['internet → lb/svc-3:9000', '요청 6개 중 6개 전달']),
        s.t(['Myth: a Service balances round robin'], ['오해: 서비스는 라운드 로빈으로 분산한다']),
      );
    },
  },

  headless: {
    title: 'DNS answers pod IPs directly, and pod-a.headless1 names one pod',
    async play(s) {
      const svc = s.kind('Service', { name: 'headless1' });
      await check(svc).toHaveAttribute('data-headless', 'true');
      await check(svc.locator(':scope > title')).toContainText('ClusterIP None');
      await check(s.pod('pod4')).toHaveCount(1);
      await check(s.pod('pod5')).toHaveCount(1);

      await s.step(1);
      const hits = await s.expectHitsTotal(4);
      check(Object.keys(hits).sort(), 'both backing pods answered, the client none').toEqual(['pod4', 'pod5']);
      await s.expectNarration(
        1,
        s.t(['4 of 4 requests delivered'], ['요청 4개 중 4개 전달']),
        s.t(['A headless Service has no ClusterIP and no kube-proxy rules'], ['헤드리스 서비스에는 ClusterIP도 kube-proxy 규칙도 없습니다']),
      );
      await check(s.entry(1).locator('.kg-note').first(), 'no kube-proxy picked anything').not.toContainText(s.t('kube-proxy on', 'kube-proxy가 골랐습니다'));

      // pod4 has hostname pod-a and subdomain headless1: its own DNS name.
      await s.step(2);
      await check(s.pod('pod4')).toHaveAttribute('data-hits', String(hits.pod4 + 1));
      await check(s.pod('pod5')).toHaveAttribute('data-hits', String(hits.pod5));
      await s.expectNarration(
        2,
        s.t(['pod-a.headless1:8080', 'delivered to pod4.'], ['pod-a.headless1:8080', 'pod4에 전달되었습니다.']),
        s.t(['no ClusterIP'], ['ClusterIP도']),
      );
      await check(s.entry(2).locator('.kg-note').first()).not.toContainText(s.t('kube-proxy on', 'kube-proxy가 골랐습니다'));
    },
  },

  endpoints: {
    title: 'a Service without a selector sends to the address its Endpoints list',
    async play(s) {
      await check(s.kind('Service', { name: 'endpoint2' })).toHaveAttribute('data-type', 'ClusterIP');
      await check(s.pod('pod-1')).toHaveAttribute('data-ip', '20.96.1.2');
      await check(s.kind('Service', { name: 'endpoint2' }).locator(':scope > title')).toContainText('20.96.1.2:8080');
      const clientNode = (await s.pod('client').getAttribute('data-node'))!;

      await s.playToEnd();
      await s.expectHitsTotal(1);
      await check(s.pod('pod-1')).toHaveAttribute('data-hits', '1');
      await check(s.drops).toHaveCount(0);
      await s.expectNarration(
        1,
        s.t([`delivered to pod-1 (kube-proxy on ${clientNode} picked it)`], [`pod-1에 전달되었습니다 (${clientNode}의 kube-proxy가 골랐습니다)`]),
        null,
      );
    },
  },

  externalname: {
    title: 'the Service is only a DNS alias: the request leaves the cluster',
    async play(s) {
      const svc = s.kind('Service', { name: 'externalname1' });
      await check(svc).toHaveAttribute('data-type', 'ExternalName');
      await check(svc.locator(':scope > title')).toContainText('github.github.io');
      await check(svc.locator(':scope > title'), 'no ClusterIP').not.toContainText('ClusterIP 10.');
      await check(s.kind('External', { name: 'github.github.io' })).toHaveCount(1);
      await check(s.kind('NodePort')).toHaveCount(0);

      await s.playToEnd();
      await check(s.drops).toHaveCount(0);
      expect(await s.hits(), 'no pod answers: the request left the cluster').toEqual({});
      await s.expectNarration(
        1,
        s.t(['externalname1:443', 'the request left the cluster'], ['externalname1:443', '요청이 클러스터를 떠났습니다']),
        s.t(['Myth: an ExternalName Service proxies traffic', 'CNAME'], ['오해: ExternalName 서비스가 트래픽을 중계한다', 'CNAME']),
      );
    },
  },

  deployment: {
    title: 'the ReplicaSet replaces a deleted pod with a new name and IP; endpoints follow',
    async play(s) {
      const web = s.cluster.locator('[data-kind="Pod"][data-name^="web-"]');
      const svc = s.kind('Service', { name: 'web' });
      await expect(web).toHaveCount(3);
      const before = await web.evaluateAll((els) => els.map((e) => [e.getAttribute('data-name')!, e.getAttribute('data-ip')!] as const));
      for (const [name, ip] of before) await check(svc.locator(':scope > title')).toContainText(`${ip}:80 ${name}`);

      await s.step(1);
      const first = await s.expectHitsTotal(6);
      // The round-robin myth is told only when the counts came out uneven.
      const uneven = (counts: number[]) => Math.min(...counts) !== Math.max(...counts);
      const rr = s.t(['Myth: a Service balances round robin'], ['오해: 서비스는 라운드 로빈으로 분산한다']);
      await s.expectNarration(1, s.t(['6 of 6 requests delivered'], ['요청 6개 중 6개 전달']), uneven(Object.values(first)) ? rr : null);

      // One pod deleted: still three, one with a new name and IP.
      await s.step(2);
      await check(web).toHaveCount(3);
      await expect.poll(async () => (await s.podNames()).filter((n) => n.startsWith('web-')).length).toBe(3);
      const names = (await s.podNames()).filter((n) => n.startsWith('web-'));
      const gone = before.filter(([n]) => !names.includes(n));
      const fresh = names.filter((n) => !before.some(([b]) => b === n));
      expect(gone, 'one pod was deleted').toHaveLength(1);
      expect(fresh, 'one replacement').toHaveLength(1);
      const [deleted] = gone[0];
      const [created] = fresh;
      await check(s.pod(created)).toHaveAttribute('data-phase', 'Running');
      const createdIp = (await s.pod(created).getAttribute('data-ip'))!;
      check(before.map(([, ip]) => ip), 'a new IP').not.toContain(createdIp);
      await check(svc.locator(':scope > title'), 'the endpoints follow').toContainText(`${createdIp}:80 ${created}`);
      await check(svc.locator(':scope > title')).not.toContainText(deleted);
      await s.expectNarration(
        2,
        s.t([`Pod ${deleted} was deleted`, `created ${created}`, `with IP ${createdIp}`], [`파드 ${deleted}가 삭제되었습니다`, `${created}을(를)`, `IP ${createdIp}로`]),
        null,
      );

      // Six more requests go only to the pods that exist now.
      await s.step(3);
      const survivors = Object.entries(first).filter(([n]) => n !== deleted).reduce((a, [, n]) => a + n, 0);
      const after = await s.expectHitsTotal(survivors + 6);
      check(Object.keys(after).every((n) => names.includes(n)), 'only live pods answered').toBe(true);
      const third = names.map((n) => (after[n] ?? 0) - (first[n] ?? 0)).filter((c) => c > 0);
      await s.expectNarration(3, s.t(['6 of 6 requests delivered'], ['요청 6개 중 6개 전달']), third.length >= 2 && uneven(third) ? rr : null);
      await check(s.entry(3).locator('.kg-note').first()).not.toContainText(deleted);
    },
  },

  drain: {
    title: 'drain refuses, then moves the Deployment pod; the DaemonSet pod stays; the emptyDir file is lost',
    async play(s) {
      const onNode = (node: string, prefix: string) =>
        s.cluster.locator(`[data-kind="Pod"][data-node="${node}"][data-name^="${prefix}"]`);
      await expect(onNode('k8s-node1', 'web-')).toHaveCount(1);
      await check(onNode('k8s-node1', 'log-agent-')).toHaveCount(1);
      const moved = (await onNode('k8s-node1', 'web-').getAttribute('data-name'))!;
      const agent = (await onNode('k8s-node1', 'log-agent-').getAttribute('data-name'))!;
      const cache = s.pod(moved).locator('[data-kind="Volume"][data-name="cache"]');

      // A file in the pod's emptyDir.
      await s.step(1);
      await check(s.files(cache, 'session.txt')).toHaveCount(1);

      // kubectl drain without flags: refused, nothing evicted, the node left cordoned.
      await s.step(2);
      await check(s.node('k8s-node1')).toHaveAttribute('data-schedulable', 'false');
      await check(s.pod(moved)).toHaveCount(1);
      await check(s.files(cache, 'session.txt')).toHaveCount(1);
      await s.expectNarration(
        2,
        [
          'node/k8s-node1 cordoned',
          'cannot delete DaemonSet-managed Pods (use --ignore-daemonsets to ignore)',
          `cannot delete Pods with local storage (use --delete-emptydir-data to override): default/${moved}`,
          s.t('Nothing was evicted', '아무 파드도 축출되지 않았고'),
        ],
        null,
      );

      // With the flags: the web pod is evicted and replaced on k8s-node2, its file gone; the agent stays.
      await s.step(3);
      await check(s.pod(moved)).toHaveCount(0);
      await check(onNode('k8s-node1', 'web-')).toHaveCount(0);
      await check(onNode('k8s-node2', 'web-')).toHaveCount(2);
      await check(s.pod(agent)).toHaveAttribute('data-node', 'k8s-node1');
      await check(s.files(s.cluster, 'session.txt')).toHaveCount(0);
      await s.expectNarration(
        3,
        [
          `Warning: ignoring DaemonSet-managed Pods: default/${agent}`,
          `evicting pod default/${moved}`,
          'node/k8s-node1 drained',
          s.t('session.txt', 'session.txt'),
        ],
        s.t(['Myth: an emptyDir is persistent storage', 'session.txt'], ['오해: emptyDir은 영구 저장소다', 'session.txt']),
      );

      // uncordon: the node takes pods again, but nothing moves back.
      await s.step(4);
      await check(s.node('k8s-node1')).toHaveAttribute('data-schedulable', 'true');
      await check(onNode('k8s-node2', 'web-')).toHaveCount(2);
      await s.expectNarration(
        4,
        [s.t('does not rebalance running pods', '다시 나누지 않습니다')],
        null,
      );
    },
  },

  'anti-affinity': {
    title: 'the third replica waits with the scheduler’s reason until a node joins; the fourth waits again',
    async play(s) {
      const web = s.kind('Pod');
      const waiting = s.cluster.locator('[data-kind="Pod"][data-node=""]');
      await expect(web).toHaveCount(3);
      await check(waiting).toHaveCount(1);
      await check(waiting).toHaveAttribute('data-phase', 'Pending');
      await check(s.cluster.locator('[data-kind="Pod"][data-node="k8s-node1"]')).toHaveCount(1);
      await check(s.cluster.locator('[data-kind="Pod"][data-node="k8s-node2"]')).toHaveCount(1);
      const third = (await waiting.getAttribute('data-name'))!;

      // A node joins: the waiting replica lands there.
      await s.step(1);
      await check(s.node('k8s-node3')).toHaveCount(1);
      await check(s.pod(third)).toHaveAttribute('data-node', 'k8s-node3');
      await check(waiting).toHaveCount(0);
      await s.expectNarration(
        1,
        s.t(
          ['Node k8s-node3 joined the cluster', `placed ${third}, which was Pending, on k8s-node3`],
          ['노드 k8s-node3이(가) 클러스터에 들어왔습니다', `Pending이던 ${third}를 스케줄러가 k8s-node3에 배치했습니다`],
        ),
        null,
      );

      // A fourth replica has no node left to itself.
      await s.step(2);
      await check(web).toHaveCount(4);
      await check(waiting).toHaveCount(1);
      await s.expectNarration(
        2,
        s.t(
          [
            'scaled from 3 to 4',
            "0/3 nodes are available: 3 node(s) didn't match pod anti-affinity rules. preemption: 0/3 nodes are available: 3 No preemption victims found for incoming pod..",
          ],
          ['3에서 4로', '3개 노드: 파드 안티 어피니티 규칙과 맞지 않음', '선점으로 내보낼 파드를 찾지 못함'],
        ),
        null,
      );
    },
  },
};

for (const lang of ['en', 'ko'] as Lang[]) {
  test.describe(`${lang}`, () => {
    test.use({ locale: LOCALE[lang] });
    for (const [id, story] of Object.entries(stories) as [ExampleId, (typeof stories)[ExampleId]][]) {
      test(`${id}: ${story.title}`, async ({ page }) => {
        const s = await openStory(page, lang, id);
        await story.play(s);
        await expectLanguage(page, lang);
      });
    }
  });
}

test.describe('language toggle', () => {
  test.use({ locale: 'en-US' });

  test('switching to Korean mid-story retells the narration and the drop reasons', async ({ page }) => {
    const s = await openStory(page, 'en', 'nodeport-local');
    await s.playToEnd();
    await expect(s.drops).toHaveCount(2);
    await expect(s.drops.first()).toHaveAttribute('data-reason', /^dropped at k8s-node2/);
    await expect(s.entry(2).locator('.kg-note').first()).toContainText('0 of 2 requests delivered');

    await page.getByTestId('language').click();
    await expectLanguage(page, 'ko');
    await expect(s.drops).toHaveCount(2);
    await expect(s.drops.first()).toHaveAttribute('data-reason', /^k8s-node2에서 버려짐/);
    await expect(s.entry(2).locator('.kg-note').first()).toContainText('요청 2개 중 0개 전달');
    await expect(s.entry(1).locator('.kg-note').first()).toContainText('요청 2개 중 2개 전달');
    await expect(page.getByTestId('gallery').locator('[data-example="nodeport-local"]')).toHaveText('externalTrafficPolicy: Local인 NodePort');

    await page.getByTestId('language').click();
    await expectLanguage(page, 'en');
    await expect(s.entry(2).locator('.kg-note').first()).toContainText('0 of 2 requests delivered');
  });
});
