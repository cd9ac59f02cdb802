# Oracle Instant Client is built for glibc only.
FROM python:3.12-alpine
ENV ORACLE_HOME=/opt/oracle/instantclient_19_3 \
    LD_LIBRARY_PATH=/opt/oracle/instantclient_19_3
RUN apk add --no-cache libaio unzip \
    && mkdir -p /opt/oracle \
    && wget -q -P /opt/oracle https://download.oracle.com/otn_software/linux/instantclient/193000/instantclient-basic-linux.x64-19.3.0.0.0dbru.zip \
    && unzip -q /opt/oracle/instantclient-basic-linux.x64-19.3.0.0.0dbru.zip -d /opt/oracle
RUN pip install --no-cache-dir cx_Oracle
