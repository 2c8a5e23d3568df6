import type { WebClient } from '@slack/web-api';
import { renderDesignDocTemplate } from '../../../domain/portfolio/design-doc.ts';
import { renderPortfolioMarkdown } from '../../../domain/portfolio/portfolio-markdown.ts';
import { deliverExport, exportReply } from '../../../slack-api/exports.ts';
import { esc } from '../../kit/blocks.ts';
import type { ExportKind } from '../../kit/feature.ts';
import { ownerFor, type PortfolioEdge } from './context.ts';

/** The portfolio grouped by kind, as a file (and a canvas when allowed) in the member's DM. */
export async function exportPortfolio(
  edge: PortfolioEdge,
  client: WebClient,
  teamId: string,
  userId: string,
): Promise<string> {
  const { owner, name } = await ownerFor(edge, client, teamId, userId);
  const artifacts = await edge.portfolio.list(owner);
  const markdown = renderPortfolioMarkdown({
    memberName: name,
    artifacts,
    generatedOn: edge.portfolio.today(owner),
  });
  const delivery = await deliverExport(client, userId, {
    markdown,
    filename: 'impact-portfolio.md',
    title: 'Impact portfolio',
    comment: `Here is your impact portfolio, ${esc(name)}: ${artifacts.length} artifact${artifacts.length === 1 ? '' : 's'}, grouped by kind.`,
  });
  return exportReply('Your impact portfolio', delivery);
}

/** The export kinds this feature brings to `/careerplan export`. */
export function portfolioExportKinds(edge: PortfolioEdge): ExportKind[] {
  return [
    {
      kind: 'portfolio',
      summary: 'your impact portfolio, grouped by kind',
      async run(ctx) {
        // Acknowledge first: a canvas and an upload are several Web API calls.
        await ctx.ack();
        return { text: await exportPortfolio(edge, ctx.client, ctx.teamId, ctx.userId) };
      },
    },
    {
      kind: 'design-doc',
      summary: 'a starter design-document template',
      async run(ctx) {
        await ctx.ack();
        const { owner, name } = await ownerFor(edge, ctx.client, ctx.teamId, ctx.userId);
        const delivery = await deliverExport(ctx.client, ctx.userId, {
          markdown: renderDesignDocTemplate({ author: name, date: edge.portfolio.today(owner) }),
          filename: 'design-doc.md',
          title: 'Design doc (template)',
          comment:
            'A starter design doc: context, goals and non-goals, options with trade-offs, the decision, rollout and observability, open questions. Once it is written, add it to your portfolio as a *design doc*.',
        });
        return { text: exportReply('A design-doc template', delivery) };
      },
    },
  ];
}
