/**
 * A mock `Excel.RequestContext` (office-addin-mock) that records every sheet, range, table, chart
 * and format the taskpane's workbook writers make, for the tests to read back.
 */
import { OfficeMockObject } from 'office-addin-mock';

export interface TableRec {
  address: string;
  hasHeaders: boolean;
  mock: { name?: string; style?: string };
}
export interface ChartRec {
  type: string;
  source: Rec;
  seriesBy: string;
  mock: {
    title: { text?: string };
    legend: { position?: string };
    axes: { categoryAxis: { title: { text?: string } }; valueAxis: { title: { text?: string } } };
    position?: [string, string];
  };
}
export interface CfRec {
  type: string;
  mock: { colorScale: { criteria?: unknown } };
}
// Ranges are mocks whose assigned properties (values, numberFormat, format.*) we read back.
export type Rec = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
export interface SheetRec {
  name: string;
  ranges: { address: string; mock: Rec; cfs: CfRec[] }[];
  tables: TableRec[];
  charts: ChartRec[];
  activated: boolean;
  autofit: boolean;
}

/** A mock Excel.RequestContext that records every sheet, range, table, chart and format made. */
export function mockContext(selection: unknown[][] = []) {
  const sheets: SheetRec[] = [];
  const makeSheet = (name: string): Rec => {
    const rec: SheetRec = { name, ranges: [], tables: [], charts: [], activated: false, autofit: false };
    sheets.push(rec);
    const makeRange = (address: string): Rec => {
      const cfs: CfRec[] = [];
      const mock = new OfficeMockObject({
        address,
        format: {
          font: {},
          fill: {},
          autofitColumns: () => {
            rec.autofit = true;
          },
        },
        conditionalFormats: {
          add: (type: string) => {
            const cf = new OfficeMockObject({ colorScale: {} }) as unknown as CfRec['mock'];
            cfs.push({ type, mock: cf });
            return cf;
          },
        },
      });
      rec.ranges.push({ address, mock, cfs });
      return mock;
    };
    return new OfficeMockObject({
      name,
      getRange: makeRange,
      getUsedRange: () => makeRange('(used)'),
      activate: () => {
        rec.activated = true;
      },
      tables: {
        add: (address: string, hasHeaders: boolean) => {
          const mock = new OfficeMockObject({}) as unknown as TableRec['mock'];
          rec.tables.push({ address, hasHeaders, mock });
          return mock;
        },
      },
      charts: {
        add: (type: string, source: Rec, seriesBy: string) => {
          const mock = new OfficeMockObject({
            title: {},
            legend: {},
            axes: { categoryAxis: { title: {} }, valueAxis: { title: {} } },
            setPosition: (a: string, b: string) => {
              mock.position = [a, b];
            },
          }) as unknown as ChartRec['mock'];
          rec.charts.push({ type, source, seriesBy, mock });
          return mock;
        },
      },
    });
  };
  const context = new OfficeMockObject({
    workbook: {
      selection: { values: selection },
      getSelectedRange(this: Rec) {
        return this['selection'];
      },
      worksheets: { add: makeSheet },
    },
  });
  return { context: context as unknown as Excel.RequestContext, sheets };
}
