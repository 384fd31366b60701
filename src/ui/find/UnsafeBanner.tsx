/** Says, whenever a rule of Raft is switched off in this cluster, which one and what it removes. */
import { UNSAFE_SWITCHES } from '../../raft/unsafe';
import { useStore } from '../store/store';
import './find.css';

export function UnsafeBanner() {
  const unsafe = useStore((s) => s.config?.unsafe);
  if (unsafe === undefined || unsafe.length === 0) return null;
  return (
    <section className="page-banner unsafe-banner" aria-label="Unsafe: a rule of Raft is off">
      {unsafe.map((name) => {
        const s = UNSAFE_SWITCHES[name];
        return (
          <p key={name}>
            <strong>Unsafe: {s.title}.</strong> This cluster runs without {s.removes} ({s.section}
            ). The checkers should catch what goes wrong.
          </p>
        );
      })}
    </section>
  );
}
