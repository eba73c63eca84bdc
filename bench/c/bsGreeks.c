/*
 * The yardstick for the batch kernel: a plain C loop pricing the same 10,000-option chain as
 * bench/surface.bench.ts (BSM price + delta, gamma, vega, theta, rho; textbook formulas with
 * libm's exp, log, sqrt and erfc), single-threaded. `npm run bench` compiles it with
 * gcc -O3 when gcc is on the PATH and prints its options per CPU-second beside the TypeScript
 * kernel's. Usage: bsGreeks [milliseconds]
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#define N 10000

static double cpu_seconds(void) {
  struct timespec ts;
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return ts.tv_sec + 1e-9 * ts.tv_nsec;
}

static double ncdf(double x) { return 0.5 * erfc(-x * M_SQRT1_2); }

static void price_all(int n, const unsigned char *is_call, const double *spot, const double *strike,
                      const double *years, const double *vol, const double *rate, const double *div,
                      double *price, double *delta, double *gamma, double *vega, double *theta,
                      double *rho) {
  const double inv_sqrt_2pi = 0.3989422804014327;
  for (int k = 0; k < n; k++) {
    double S = spot[k], K = strike[k], T = years[k], sig = vol[k], r = rate[k], q = div[k];
    double dr = exp(-r * T), dq = exp(-q * T);
    double sqT = sqrt(T), sd = sig * sqT;
    double d1 = (log(S / K) + (r - q) * T) / sd + 0.5 * sd, d2 = d1 - sd;
    double pdf = inv_sqrt_2pi * exp(-0.5 * d1 * d1);
    double Sdq = S * dq, Kdr = K * dr, volTerm = Sdq * pdf * sig / (2 * sqT);
    gamma[k] = dq * pdf / (S * sd);
    vega[k] = Sdq * pdf * sqT / 100;
    if (is_call[k]) {
      double n1 = ncdf(d1), n2 = ncdf(d2);
      price[k] = Sdq * n1 - Kdr * n2;
      delta[k] = dq * n1;
      theta[k] = (-volTerm - r * Kdr * n2 + q * Sdq * n1) / 365;
      rho[k] = Kdr * T * n2 / 100;
    } else {
      double n1 = ncdf(-d1), n2 = ncdf(-d2);
      price[k] = Kdr * n2 - Sdq * n1;
      delta[k] = -dq * n1;
      theta[k] = (-volTerm + r * Kdr * n2 - q * Sdq * n1) / 365;
      rho[k] = -Kdr * T * n2 / 100;
    }
  }
}

int main(int argc, char **argv) {
  double ms = argc > 1 ? atof(argv[1]) : 1500;
  static unsigned char is_call[N];
  static double spot[N], strike[N], years[N], vol[N], rate[N], div[N];
  static double price[N], delta[N], gamma[N], vega[N], theta[N], rho[N];
  for (int k = 0; k < N; k++) {
    is_call[k] = k % 2;
    spot[k] = 4500;
    strike[k] = 3000 + (k % 500) * 5;
    years[k] = (7 + (k % 40) * 9) / 365.0;
    vol[k] = 0.12 + 0.002 * (k % 97);
    rate[k] = 0.045;
    div[k] = 0.013;
  }
  double sink = 0;
  long reps = 0;
  double t0 = cpu_seconds(), t;
  do {
    price_all(N, is_call, spot, strike, years, vol, rate, div, price, delta, gamma, vega, theta, rho);
    sink += price[reps % N] + rho[N - 1];
    reps++;
    t = cpu_seconds();
  } while ((t - t0) * 1000 < ms);
  printf("%.0f %g\n", reps * (double)N / (t - t0), sink);
  return 0;
}
